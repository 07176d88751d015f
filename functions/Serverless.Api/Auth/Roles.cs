namespace Serverless.Api.Auth;

/// <summary>The wire names of roles.</summary>
public static class Roles
{
    /// <summary>Parses <c>admin</c>, <c>user</c> or <c>reader</c>.</summary>
    public static bool TryParse(string? value, out Role role)
    {
        (var ok, role) = value switch
        {
            "admin" => (true, Role.Admin),
            "user" => (true, Role.User),
            "reader" => (true, Role.Reader),
            _ => (false, Role.Reader),
        };
        return ok;
    }

    /// <summary>The wire name of <paramref name="role"/>.</summary>
    public static string ToWire(this Role role) => role switch
    {
        Role.Admin => "admin",
        Role.User => "user",
        _ => "reader",
    };
}
