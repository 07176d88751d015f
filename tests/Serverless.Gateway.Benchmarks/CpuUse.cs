using System.Diagnostics;
using System.Globalization;
using Serverless.Testing;

namespace Serverless.Gateway.Benchmarks;

/// <summary>The CPU each process of a load run has used since this was made: on 2 cores they all compete.</summary>
internal sealed class CpuUse
{
    private readonly (string Name, Func<TimeSpan> Read, TimeSpan Start)[] processes;

    public CpuUse(MeteredStack stack, ServiceProcess? worker)
    {
        var readers = new List<(string, Func<TimeSpan>)>
        {
            ("API host", () => stack.Api.CpuTime),
            ("Azurite", () => stack.Storage.CpuTime),
            ("benchmark (load, upstream)", () => Process.GetCurrentProcess().TotalProcessorTime),
        };
        if (worker is not null)
        {
            readers.Add(("worker", () => worker.CpuTime));
        }

        processes = [.. readers.Select(r => (r.Item1, r.Item2, r.Item2()))];
    }

    public void Print(TimeSpan run)
    {
        var used = processes.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {(p.Read() - p.Start).TotalSeconds:F0} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU over the run ({run.TotalSeconds * Environment.ProcessorCount:F0} CPU-s available): {string.Join(", ", used)}"));
    }
}
