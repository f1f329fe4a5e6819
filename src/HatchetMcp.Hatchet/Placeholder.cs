namespace HatchetMcp.Hatchet; internal static class Placeholder { }
