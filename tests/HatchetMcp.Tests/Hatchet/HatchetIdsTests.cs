using HatchetMcp.Hatchet;
using Xunit;

namespace HatchetMcp.Tests.Hatchet;

public sealed class HatchetIdsTests
{
    private const string Id = "3f2b8c1e-0a4d-4e7b-9c51-2d6f8a9b0c7e";

    [Theory]
    [InlineData(Id)]
    [InlineData("3F2B8C1E-0A4D-4E7B-9C51-2D6F8A9B0C7E")]
    [InlineData("  " + Id + "\n")]
    public void Canonical_uuids_are_accepted_and_normalised(string value)
    {
        Assert.Equal(Guid.Parse(Id), HatchetIds.ParseUuid(value, "run_id"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../")]
    [InlineData("..%2F..%2Fapi")]
    [InlineData("%2F")]
    [InlineData(Id + "/cancel")]
    [InlineData(Id + "%2Fcancel")]
    [InlineData(Id + "?x=1")]
    [InlineData("../" + Id)]
    [InlineData("{" + Id + "}")]
    [InlineData("3f2b8c1e0a4d4e7b9c512d6f8a9b0c7e")]
    [InlineData("3f2b8c1e-0a4d-4e7b-9c51-2d6f8a9b0c7")]
    [InlineData("3f2b8c1e-0a4d-4e7b-9c51 2d6f8a9b0c7e")]
    [InlineData("zzzzzzzz-0a4d-4e7b-9c51-2d6f8a9b0c7e")]
    public void Anything_but_a_uuid_is_rejected_naming_the_argument_and_the_form(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => HatchetIds.ParseUuid(value, "run_id"));

        Assert.Equal("run_id", error.ParamName);
        Assert.StartsWith("run_id must be a UUID such as", error.Message);
    }

    [Fact]
    public void A_missing_id_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => HatchetIds.ParseUuid(null, "task_id"));
        Assert.Contains("got nothing", error.Message);
    }

    [Fact]
    public void A_long_bad_value_is_echoed_shortened()
    {
        var error = Assert.Throws<ArgumentException>(() => HatchetIds.ParseUuid(new string('x', 500), "run_id"));
        Assert.True(error.Message.Length < 200, error.Message);
    }

    [Fact]
    public void Lists_name_the_position_of_the_first_bad_id()
    {
        Assert.Equal(2, HatchetIds.ParseUuids([Id, Id.ToUpperInvariant()], "run_ids").Count);

        var error = Assert.Throws<ArgumentException>(() => HatchetIds.ParseUuids([Id, "../cancel"], "run_ids"));
        Assert.StartsWith("run_ids[1] must be a UUID", error.Message);
    }
}
