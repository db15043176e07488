namespace MediBloc.Benchmarks.Storage;

/// <summary>Seeded random files for the storage harnesses, made in the temporary folder and deleted on dispose.</summary>
internal sealed class BenchmarkFile : IDisposable
{
    private BenchmarkFile(string path, long size)
    {
        Path = path;
        Size = size;
    }

    public string Path { get; }

    public long Size { get; }

    public double MiB => Size / 1048576.0;

    public static BenchmarkFile Create(long size, int seed)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"medibloc-bench-{seed}-{size}-{Guid.NewGuid():N}.bin");
        var random = new Random(seed);
        var buffer = new byte[1 << 20];
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
        {
            for (long left = size; left > 0; left -= buffer.Length)
            {
                random.NextBytes(buffer);
                file.Write(buffer, 0, (int)Math.Min(buffer.Length, left));
            }
        }

        // Read it once so that every contender starts from the page cache.
        using (var file = File.OpenRead(path))
        {
            file.CopyTo(Stream.Null, 1 << 20);
        }

        return new BenchmarkFile(path, size);
    }

    public FileStream OpenRead() => new(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public void Dispose() => File.Delete(Path);
}
