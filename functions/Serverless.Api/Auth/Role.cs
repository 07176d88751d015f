namespace Serverless.Api.Auth;

/// <summary>What a caller may do, each role including the ones below it.</summary>
public enum Role
{
    /// <summary>Models and own usage only.</summary>
    Reader = 0,

    /// <summary>Inference, own usage, own jobs.</summary>
    User = 1,

    /// <summary>Everything: keys, tiers, models, everyone's usage and jobs.</summary>
    Admin = 2,
}
