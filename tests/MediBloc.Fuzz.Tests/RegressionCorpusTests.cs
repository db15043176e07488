using MediBloc.Fuzz;

namespace MediBloc.Fuzz.Tests;

/// <summary>
/// Replays every fuzz target's seed corpus and regression corpus (the inputs AFL++ found crashing or hanging, kept in
/// <c>fuzz/regressions/TARGET/</c>) through the uninstrumented target: each input must end in success or a
/// documented <c>MediBlocException</c>, within a time bound.
/// </summary>
public sealed class RegressionCorpusTests
{
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Targets => new(FuzzTargets.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Every_seed_and_every_regression_input_is_refused_cleanly_or_accepted(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var inputs = Inputs("corpus", name).Concat(Inputs("regressions", name)).ToList();
        Assert.NotEmpty(inputs);
        foreach (var file in inputs)
        {
            var bytes = File.ReadAllBytes(file);
            var run = Task.Run(() => target.Run(bytes));
            var finished = await Task.WhenAny(run, Task.Delay(PerInput));
            Assert.True(finished == run, $"{name}: {Path.GetFileName(file)} did not finish within {PerInput.TotalSeconds} s");
            await run;
        }
    }

    [Fact]
    public void Every_target_has_seeds_and_every_corpus_folder_a_target()
    {
        foreach (var target in FuzzTargets.All)
        {
            Assert.True(Inputs("corpus", target.Name).Any(), $"{target.Name} has no seed corpus");
        }
        foreach (var folder in new[] { "corpus", "regressions" })
        {
            var path = Path.Combine(FuzzRoot, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }
            foreach (var sub in Directory.EnumerateDirectories(path))
            {
                Assert.NotNull(FuzzTargets.Find(Path.GetFileName(sub)));
            }
        }
    }

    [Fact]
    public void A_target_reports_an_unexpected_exception_as_a_failure()
    {
        var target = FuzzTargets.Find("varint")!;
        target.Run([0x80, 0x01]);
        Assert.Throws<FuzzPropertyException>(() => FuzzTarget.Check(false, "a property"));
        Assert.Throws<InvalidOperationException>(() => FuzzTarget.Expect(() => throw new InvalidOperationException()));
    }

    private static string FuzzRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "fuzz", "corpus")))
            {
                dir = dir.Parent;
            }
            return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("fuzz/corpus not found above the test folder"), "fuzz");
        }
    }

    private static IEnumerable<string> Inputs(string folder, string target)
    {
        var path = Path.Combine(FuzzRoot, folder, target);
        return Directory.Exists(path) ? Directory.EnumerateFiles(path).Order(StringComparer.Ordinal) : [];
    }
}
