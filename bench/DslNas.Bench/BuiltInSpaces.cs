using System.Runtime.CompilerServices;

namespace DslNas.Bench;

/// <summary>The built-in spaces register themselves in SpaceCatalog when their assembly's module initializer runs.</summary>
public static class BuiltInSpaces
{
    public static void Register() => RuntimeHelpers.RunModuleConstructor(typeof(DslNas.Spaces.FastTransformer).Module.ModuleHandle);
}
