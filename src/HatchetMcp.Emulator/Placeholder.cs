namespace HatchetMcp.Emulator; internal static class Placeholder { }
