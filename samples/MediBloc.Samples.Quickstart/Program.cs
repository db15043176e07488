Console.WriteLine("MediBloc quickstart: not yet wired.");
return 1;
