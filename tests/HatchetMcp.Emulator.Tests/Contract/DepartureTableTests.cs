using System.Reflection;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Contract;

/// <summary>The departure table stays honest: every entry cites the behaviour notes and has exactly one proving test.</summary>
public sealed class DepartureTableTests
{
    [Fact]
    public void Every_departure_has_exactly_one_test_that_proves_it()
    {
        var proofs = typeof(DepartureTableTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<ProvesDepartureAttribute>()))
            .Where(p => p.Attribute is not null && p.Method.GetCustomAttribute<FactAttribute>() is not null)
            .GroupBy(p => p.Attribute!.Id)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.All(ContractDepartures.All, d => Assert.Equal(1, proofs.GetValueOrDefault(d.Id)));
        Assert.All(proofs.Keys, id => Assert.Contains(ContractDepartures.All, d => d.Id == id));
    }

    [Fact]
    public void Every_departure_cites_a_section_of_the_behaviour_notes_and_is_listed_once()
    {
        Assert.All(ContractDepartures.All, d => Assert.StartsWith("§", d.Section, StringComparison.Ordinal));
        Assert.Equal(ContractDepartures.All.Count, ContractDepartures.All.Select(d => d.Id).Distinct().Count());
    }
}
