public sealed class SmokeTests
{
    [Xunit.Fact]
    public void Builds() => Xunit.Assert.True(true);
}
