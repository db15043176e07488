using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Storage.Local;

/// <summary>
/// The on-disk layout of a <see cref="LocalContentStore"/>, shared by the stores of every owner on one folder:
/// <c>objects/&lt;shard&gt;/&lt;name&gt;</c> (the file bytes), <c>tmp/</c> (writers' files before their rename),
/// <c>pins/&lt;name&gt;</c> (pin markers), <c>owners/&lt;owner key&gt;/&lt;name&gt;</c> (what each owner is charged
/// for) and <c>owners/&lt;owner key&gt;/quota</c>. A name is the CID's binary form in lower-case base32 (safe on
/// case-insensitive file systems, CIDv0 included); the shard is its next-to-last two characters, as in IPFS's flatfs.
/// Every folder and file the store creates is owner-only on Unix (0700 and 0600).
/// </summary>
internal sealed class LocalStoreFolder
{
    private const string QuotaFileName = "quota";
    private readonly ConcurrentDictionary<string, OwnerAccount> _accounts = new(StringComparer.Ordinal);

    public LocalStoreFolder(string root, LocalContentStoreOptions options)
    {
        Root = Path.GetFullPath(root);
        Options = options;
        Objects = Path.Combine(Root, "objects");
        Temporary = Path.Combine(Root, "tmp");
        Pins = Path.Combine(Root, "pins");
        Owners = Path.Combine(Root, "owners");
        PrivateFiles.CreateFolder(Objects);
        PrivateFiles.CreateFolder(Temporary);
        PrivateFiles.CreateFolder(Pins);
        PrivateFiles.CreateFolder(Owners);
        DeleteStaleTemporaryFiles();
    }

    public string Root { get; }

    public LocalContentStoreOptions Options { get; }

    public string Objects { get; }

    public string Temporary { get; }

    public string Pins { get; }

    public string Owners { get; }

    public static string NameOf(ContentId cid) => Multibase.Encode(cid.ToBytes(), MultibaseEncoding.Base32);

    public static bool TryParseName(string name, out ContentId cid)
    {
        cid = default;
        if (!Multibase.TryDecode(name, out var bytes, out _))
        {
            return false;
        }

        try
        {
            cid = ContentId.FromBytes(bytes);
            return NameOf(cid) == name;
        }
        catch (InvalidFormatException)
        {
            return false;
        }
    }

    public string ObjectPath(ContentId cid)
    {
        var name = NameOf(cid);
        return Path.Combine(Objects, name[^3..^1], name);
    }

    public string PinPath(ContentId cid) => Path.Combine(Pins, NameOf(cid));

    public string NewTemporaryPath() => Path.Combine(Temporary, Guid.NewGuid().ToString("N") + ".tmp");

    public OwnerAccount GetAccount(string owner)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(owner.ToLowerInvariant())).AsSpan(0, 20)).ToLowerInvariant();
        return _accounts.GetOrAdd(key, k => new OwnerAccount(Path.Combine(Owners, k)));
    }

    /// <summary>The accounts (loaded or not) of every owner with a folder.</summary>
    public IEnumerable<OwnerAccount> AllAccounts()
    {
        foreach (var directory in Directory.EnumerateDirectories(Owners))
        {
            var key = Path.GetFileName(directory);
            yield return _accounts.GetOrAdd(key, _ => new OwnerAccount(directory));
        }
    }

    /// <summary>Loads an account from its folder once: the sizes of the objects it is charged for, and its quota.</summary>
    public async Task EnsureLoadedAsync(OwnerAccount account, CancellationToken cancellationToken)
    {
        if (account.Loaded)
        {
            return;
        }

        await account.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (account.Loaded)
            {
                return;
            }

            long used = 0;
            var count = 0;
            long? quota = null;
            if (Directory.Exists(account.Directory))
            {
                foreach (var file in Directory.EnumerateFiles(account.Directory))
                {
                    var name = Path.GetFileName(file);
                    if (name == QuotaFileName)
                    {
                        var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
                        quota = long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var q) ? q : null;
                    }
                    else if (TryParseName(name, out var cid))
                    {
                        var data = new FileInfo(ObjectPath(cid));
                        if (data.Exists)
                        {
                            used += data.Length;
                            count++;
                        }
                        else
                        {
                            // The object was deleted by another process: the charge goes with it.
                            File.Delete(file);
                        }
                    }
                }
            }

            account.Used = used;
            account.Count = count;
            account.Quota = quota;
            account.Loaded = true;
        }
        finally
        {
            account.Lock.Release();
        }
    }

    public static async Task WriteQuotaAsync(OwnerAccount account, long quotaBytes, CancellationToken cancellationToken)
    {
        PrivateFiles.CreateFolder(account.Directory);
        var path = Path.Combine(account.Directory, QuotaFileName);
        await PrivateFiles.WriteAtomicallyAsync(path, Encoding.ASCII.GetBytes(quotaBytes.ToString(CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
    }

    private void DeleteStaleTemporaryFiles()
    {
        var cutoff = DateTime.UtcNow - Options.StaleTemporaryFileAge;
        foreach (var file in Directory.EnumerateFiles(Temporary))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(file) < cutoff)
                {
                    File.Delete(file);
                }
            }
            catch (IOException)
            {
                // Still open by a writer on a system that locks open files: it is not stale.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to delete; it stays invisible in tmp/.
            }
        }
    }
}
