using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Serverless.ModelBuilder.MiniLm;

/// <summary>
/// Copies manifest resources out of a .NET assembly by reading its PE image, never loading or
/// running it: the assembly is a netstandard library with dependencies we deliberately do not ship.
/// </summary>
internal static class ManifestResourceReader
{
    private const int CopyChunk = 1 << 20;

    /// <summary>The names of the resources embedded in the assembly itself.</summary>
    public static IReadOnlyList<string> Names(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var metadata = pe.GetMetadataReader();
        return [.. metadata.ManifestResources
            .Select(metadata.GetManifestResource)
            .Where(resource => resource.Implementation.IsNil)
            .Select(resource => metadata.GetString(resource.Name))];
    }

    /// <summary>Writes the named embedded resource to <paramref name="destination"/>.</summary>
    public static void CopyTo(string assemblyPath, string resourceName, string destination)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var metadata = pe.GetMetadataReader();
        var resource = metadata.ManifestResources
            .Select(metadata.GetManifestResource)
            .Where(r => r.Implementation.IsNil && metadata.GetString(r.Name) == resourceName)
            .Select(r => (ManifestResource?)r)
            .FirstOrDefault()
            ?? throw new InvalidDataException($"'{assemblyPath}' embeds no resource named '{resourceName}'.");

        // ECMA-335 II.24.2.4: the CLI header's resources directory holds each resource as a
        // little-endian int32 length followed by the bytes, at the resource's offset.
        var directory = pe.PEHeaders.CorHeader?.ResourcesDirectory
            ?? throw new InvalidDataException($"'{assemblyPath}' is not a .NET assembly.");
        var section = pe.GetSectionData(directory.RelativeVirtualAddress);
        var reader = section.GetReader(checked((int)resource.Offset), directory.Size - checked((int)resource.Offset));
        var remaining = reader.ReadInt32();

        using var output = File.Create(destination);
        var buffer = new byte[Math.Min(CopyChunk, remaining)];
        while (remaining > 0)
        {
            var count = Math.Min(buffer.Length, remaining);
            reader.ReadBytes(count, buffer, 0);
            output.Write(buffer, 0, count);
            remaining -= count;
        }
    }
}
