using System.Runtime.CompilerServices;
using DslNas.Driver;

namespace DslNas.Spaces.Tests;

/// <summary>Runs the driver as a generated entry point would, capturing what it prints.</summary>
internal static class DriverHarness
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        RuntimeHelpers.RunModuleConstructor(typeof(Bort).Module.ModuleHandle);
        RuntimeHelpers.RunModuleConstructor(typeof(TinyLengths).Module.ModuleHandle);
        RuntimeHelpers.RunModuleConstructor(typeof(DslNas.Methods.OneShot.OneShotMethod).Module.ModuleHandle);
        var (output, error) = (new StringWriter(), new StringWriter());
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            return (DriverApp.Run(args), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
