// Two namespaces that use each other, so NamespaceGraphTests can show that the graph finds a loop.
namespace MediBloc.Sdk.Tests.Architecture.LoopA
{
    internal static class First
    {
        public static int Call() => LoopB.Second.Value + 1;
    }
}

namespace MediBloc.Sdk.Tests.Architecture.LoopB
{
    internal static class Second
    {
        public static int Value => 1;

        public static int Back() => LoopA.First.Call();
    }
}
