using System.Collections.Concurrent;
using System.Security.Cryptography;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Samples.Web.Node;

/// <summary>
/// The keys unlocked in each browser session, held in this process's memory only: a session is a random 256-bit
/// token in an HttpOnly, SameSite=Strict cookie. Locking an account (or the session) disposes its key, which zeroes it.
/// A session may hold several accounts (a clinic's shared device, or a demo that plays every role) with one active.
/// </summary>
public sealed class SessionWallets : IDisposable
{
    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "mb-session";
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>The session named by the request's cookie, or a new one (setting the cookie).</summary>
    public Session For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies.TryGetValue(CookieName, out var token) && token is not null && _sessions.TryGetValue(token, out var existing))
        {
            return existing;
        }
        token = Base64UrlToken();
        var session = _sessions.GetOrAdd(token, _ => new Session());
        context.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            Path = "/",
        });
        return session;
    }

    /// <summary>Ends the request's session: every key in it is zeroed.</summary>
    public void End(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies.TryGetValue(CookieName, out var token) && token is not null && _sessions.TryRemove(token, out var session))
        {
            session.Dispose();
        }
        context.Response.Cookies.Delete(CookieName);
    }

    /// <summary>Zeroes every key.</summary>
    public void Dispose()
    {
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }
        _sessions.Clear();
    }

    private static string Base64UrlToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>One browser session's unlocked keys.</summary>
    public sealed class Session : IDisposable
    {
        private readonly Dictionary<string, Secp256k1PrivateKey> _keys = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The active account's address.</summary>
        public string? Active { get; private set; }

        /// <summary>The unlocked accounts' addresses.</summary>
        public IReadOnlyList<string> Unlocked
        {
            get
            {
                lock (_keys)
                {
                    return [.. _keys.Keys];
                }
            }
        }

        /// <summary>Adds an unlocked key and makes it active.</summary>
        public void Add(Secp256k1PrivateKey key)
        {
            ArgumentNullException.ThrowIfNull(key);
            lock (_keys)
            {
                var address = key.Address.ToString();
                if (_keys.Remove(address, out var old))
                {
                    old.Dispose();
                }
                _keys[address] = key;
                Active = address;
            }
        }

        /// <summary>Makes an unlocked account active.</summary>
        public bool Activate(string address)
        {
            lock (_keys)
            {
                if (!_keys.ContainsKey(address))
                {
                    return false;
                }
                Active = _keys.Keys.First(k => string.Equals(k, address, StringComparison.OrdinalIgnoreCase));
                return true;
            }
        }

        /// <summary>The active account's key.</summary>
        public Secp256k1PrivateKey? ActiveKey
        {
            get
            {
                lock (_keys)
                {
                    return Active is not null && _keys.TryGetValue(Active, out var key) ? key : null;
                }
            }
        }

        /// <summary>Locks one account: its key is zeroed.</summary>
        public void Lock(string address)
        {
            lock (_keys)
            {
                if (_keys.Remove(address, out var key))
                {
                    key.Dispose();
                }
                if (string.Equals(Active, address, StringComparison.OrdinalIgnoreCase))
                {
                    Active = _keys.Keys.FirstOrDefault();
                }
            }
        }

        /// <summary>Zeroes every key.</summary>
        public void Dispose()
        {
            lock (_keys)
            {
                foreach (var key in _keys.Values)
                {
                    key.Dispose();
                }
                _keys.Clear();
                Active = null;
            }
        }
    }
}
