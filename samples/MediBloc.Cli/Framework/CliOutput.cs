using System.Text.Json;

namespace MediBloc.Cli.Framework;

/// <summary>
/// Where a command's result goes: one JSON document on stdout with <c>--json</c>, else human-readable lines.
/// Status lines and progress go to stderr, and only when stderr is a terminal, so scripts see only the result.
/// </summary>
internal sealed class CliOutput(TextWriter output, TextWriter error, bool json)
{
    public TextWriter Out => output;

    public bool Json => json;

    /// <summary>Whether stderr is a terminal that progress can redraw.</summary>
    public bool Interactive { get; } = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>Writes the result: as JSON with <c>--json</c>, else through <paramref name="human"/>.</summary>
    public int Emit<T>(T result, Action<TextWriter, T> human)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(result, CliJson.Compact));
        }
        else
        {
            human(output, result);
        }
        return ExitCodes.Success;
    }

    public void Status(string message)
    {
        if (Interactive)
        {
            error.WriteLine(message);
        }
    }

    /// <summary>A progress bar on stderr for work of <paramref name="total"/> steps (0 for unknown); cleared when disposed.</summary>
    public ProgressBar Progress(string label, int total = 0) => new(Interactive ? error : null, label, total);
}

/// <summary>A one-line progress bar redrawn on stderr (nothing when stderr is not a terminal).</summary>
internal sealed class ProgressBar : IDisposable
{
    private const int Width = 30;
    private readonly TextWriter? _error;
    private readonly string _label;
    private readonly int _total;
    private int _done;

    public ProgressBar(TextWriter? error, string label, int total)
    {
        _error = error;
        _label = label;
        _total = total;
        Draw();
    }

    public void Advance(string? item = null)
    {
        _done++;
        Draw(item);
    }

    public void Dispose() => _error?.Write("\r\u001b[K");

    private void Draw(string? item = null)
    {
        if (_error is null)
        {
            return;
        }
        if (_total <= 0)
        {
            _error.Write($"\r\u001b[K{_label}…");
            return;
        }
        var filled = Math.Min(Width, _done * Width / _total);
        _error.Write($"\r\u001b[K{_label} [{new string('#', filled)}{new string('.', Width - filled)}] {_done}/{_total} {item}");
    }
}
