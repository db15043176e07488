namespace MediBloc.Cli.Framework;

/// <summary>
/// Marks a static class as one top-level command group of the tool. The class has a
/// <c>public static Command Create()</c>; <see cref="Program.CreateRootCommand"/> finds every marked class in the
/// assembly and adds its command, in <see cref="Order"/>. Adding a command group is one new file.
/// </summary>
/// <param name="order">Where the group appears in <c>medibloc --help</c> (lower first).</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class CommandGroupAttribute(int order) : Attribute
{
    /// <summary>Where the group appears in the help (lower first).</summary>
    public int Order => order;
}
