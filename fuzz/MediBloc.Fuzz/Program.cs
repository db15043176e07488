using MediBloc.Fuzz;

// fuzz/run drives this program:
//   --list                    the targets, one per line: name, a tab, what it reads
//   seed DIR                  writes the seed corpus (one folder per target) from real SDK outputs
//   replay TARGET FILE...     runs inputs through a target outside AFL++ and prints each outcome
//   TARGET                    the AFL++ entry point (SharpFuzz's out-of-process loop)
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: MediBloc.Fuzz --list | seed DIR | replay TARGET FILE... | TARGET");
    return 2;
}
if (args[0] == "--list")
{
    foreach (var target in FuzzTargets.All)
    {
        Console.WriteLine($"{target.Name}\t{target.Description}");
    }
    return 0;
}
if (args[0] == "seed" && args.Length == 2)
{
    Seeds.Write(args[1]);
    return 0;
}
if (args[0] == "replay" && args.Length >= 3)
{
    var replayed = FuzzTargets.Find(args[1]);
    if (replayed is null)
    {
        Console.Error.WriteLine($"no target '{args[1]}' (see --list)");
        return 2;
    }
    var failed = 0;
    foreach (var file in args[2..])
    {
        try
        {
            replayed.Run(File.ReadAllBytes(file));
            Console.WriteLine($"ok\t{file}");
        }
#pragma warning disable CA1031 // A replay reports every failure and goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failed++;
            Console.WriteLine($"FAIL\t{file}\t{ex.GetType().Name}: {ex.Message}");
            Console.WriteLine(ex.StackTrace);
        }
    }
    return failed == 0 ? 0 : 1;
}
var fuzzed = FuzzTargets.Find(args[0]);
if (fuzzed is null)
{
    Console.Error.WriteLine($"no target '{args[0]}' (see --list)");
    return 2;
}
SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    fuzzed.Run(buffer.ToArray());
});
return 0;
