using System.CommandLine;
using MediBloc.Cli.Framework;
using MediBloc.Sdk.Contracts.Credentials;

namespace MediBloc.Cli.Commands;

/// <summary><c>medibloc authority certify|revoke</c>: a credentials authority certifies providers, emergency providers, researchers and insurers.</summary>
[CommandGroup(90)]
public static class AuthorityCommand
{
    /// <summary>Creates the <c>authority</c> command with its subcommands.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var authority = new Command("authority", "A credentials authority's side. On the embedded chain the default signer is the first dev account (the deployer, an authority); on nodes give --key.");
        authority.Subcommands.Add(Certify());
        authority.Subcommands.Add(Revoke());
        return authority;
    }

    private static Option<string> RoleOption()
    {
        var role = new Option<string>("--role") { Description = "provider, emergency, researcher or insurer.", Required = true };
        role.AcceptOnlyFromAmong("provider", "emergency", "researcher", "insurer");
        return role;
    }

    private static CredentialRole RoleOf(string role) => role switch
    {
        "provider" => CredentialRole.Provider,
        "emergency" => CredentialRole.EmergencyProvider,
        "insurer" => CredentialRole.Insurer,
        _ => CredentialRole.Researcher,
    };

    private static Command Certify()
    {
        var who = new Argument<string>("ACCOUNT") { Description = "A key name or address." };
        var role = RoleOption();
        var days = RecordsCommand.DaysOption(365);
        var command = new Command("certify", "Certify an account in a role until a date.") { who, role, days };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var account = session.AddressOf(session.Parse.GetRequiredValue(who));
            var until = DateTimeOffset.UtcNow.AddDays(session.Parse.GetValue(days));
            var result = await session.Client.GetAuthorityClient(session.IdentityOrDev())
                .CertifyAsync(account, RoleOf(session.Parse.GetRequiredValue(role)), until, ct).ConfigureAwait(false);
            return session.Output.Emit(new CertifyOutput(account.ToString(), session.Parse.GetRequiredValue(role), until, result.TransactionHash, result.BlockNumber),
                (o, r) => o.WriteLine($"certified {r.Account} as {r.Role} until {r.Until:u}"));
        });
        return command;
    }

    private static Command Revoke()
    {
        var who = new Argument<string>("ACCOUNT") { Description = "A key name or address." };
        var role = RoleOption();
        var reason = new Option<string>("--reason") { Description = "Why (recorded on chain).", Required = true };
        var command = new Command("revoke", "Revoke an account's credential in a role.") { who, role, reason };
        CommandRunner.SetChainAction(command, async (session, ct) =>
        {
            var account = session.AddressOf(session.Parse.GetRequiredValue(who));
            var result = await session.Client.GetAuthorityClient(session.IdentityOrDev())
                .RevokeAsync(account, RoleOf(session.Parse.GetRequiredValue(role)), session.Parse.GetRequiredValue(reason), ct).ConfigureAwait(false);
            return session.Output.Emit(new RecordsCommand.TransactionOutput(result.TransactionHash, result.BlockNumber), (o, r) => o.WriteLine($"revoked {account} tx {r.TransactionHash}"));
        });
        return command;
    }

    internal sealed record CertifyOutput(string Account, string Role, DateTimeOffset Until, string TransactionHash, long BlockNumber);
}
