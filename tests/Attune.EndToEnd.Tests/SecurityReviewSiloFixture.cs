namespace Attune.EndToEnd.Tests;

/// <summary>
/// A silo as the security review of issue 16 met it: admin credentials, LMS connections kept off internal addresses
/// (the default, set here explicitly), and ASP.NET Core's own logging turned up to Information, as an operator chasing
/// a problem would, so the test of request logging sees every line that could carry a learner id.
/// </summary>
public sealed class SecurityReviewSiloFixture : SiloFixture
{
    public const string AdminPassword = "e2e-review-admin-password-0123";

    public SecurityReviewSiloFixture()
        : base(new Dictionary<string, string>
        {
            ["Attune__Admin__Password"] = AdminPassword,
            ["Attune__Lms__AllowPrivateAddresses"] = "false",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information",
        })
    {
    }

    public AdminClient Admin => new(Silo, AdminClient.Basic("admin", AdminPassword));
}
