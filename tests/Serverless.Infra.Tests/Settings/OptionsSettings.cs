using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Serverless.Infra.Tests.Settings;

/// <summary>
/// The app settings a program reads through its options classes. Each root class is bound from a configuration
/// section; every public property becomes the setting <c>Section__Property</c> (nested classes add
/// <c>__Property</c>, collections take <c>__0</c>, <c>__1</c>... or <c>__key</c>). <c>[Required]</c> properties
/// are the settings a deployment must set.
/// </summary>
internal sealed class OptionsSettings
{
    private readonly HashSet<string> keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> collectionPrefixes = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> required = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<Type> bound = [];

    private OptionsSettings(IEnumerable<(Type Type, string Section)> roots)
    {
        foreach (var (type, section) in roots)
        {
            Add(type, section);
        }
    }

    /// <summary>Every settable scalar setting.</summary>
    public IReadOnlySet<string> Keys => keys;

    /// <summary>The settings the program refuses to start without.</summary>
    public IReadOnlySet<string> Required => required;

    /// <summary>Every options class bound, roots and nested.</summary>
    public IReadOnlySet<Type> BoundTypes => bound;

    /// <summary>
    /// The options of the classes in <paramref name="assemblies"/> that declare a <c>SectionName</c> constant, plus
    /// <paramref name="knownSections"/> for classes bound from a literal section name.
    /// </summary>
    public static OptionsSettings Of(IEnumerable<Assembly> assemblies, IReadOnlyDictionary<Type, string> knownSections)
    {
        var roots = assemblies.SelectMany(a => a.GetExportedTypes())
            .Select(t => (Type: t, Section: SectionName(t) ?? knownSections.GetValueOrDefault(t)))
            .Where(r => r.Section is not null)
            .Select(r => (r.Type, r.Section!));
        return new OptionsSettings(roots);
    }

    /// <summary>
    /// The public classes named <c>*Options</c> in <paramref name="assemblies"/> that the options pattern can create
    /// (a parameterless constructor), which leaves out wire types such as OpenAI's <c>stream_options</c>.
    /// </summary>
    public static IEnumerable<Type> OptionsClasses(IEnumerable<Assembly> assemblies) =>
        assemblies.SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetConstructor(Type.EmptyTypes) is not null);

    /// <summary>Whether an options property reads <paramref name="setting"/>.</summary>
    public bool Reads(string setting) =>
        keys.Contains(setting) || collectionPrefixes.Any(p => setting.StartsWith(p + "__", StringComparison.OrdinalIgnoreCase));

    private static string? SectionName(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field ? (string?)field.GetRawConstantValue() : null;

    private void Add(Type type, string prefix)
    {
        bound.Add(type);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetMethod is { IsPublic: true }))
        {
            var key = $"{prefix}__{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsScalar(propertyType))
            {
                if (property.SetMethod is { IsPublic: true })
                {
                    keys.Add(key);
                    if (property.GetCustomAttribute<RequiredAttribute>() is not null)
                    {
                        required.Add(key);
                    }
                }
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                collectionPrefixes.Add(key); // the binder fills even get-only collections
            }
            else if (propertyType.IsClass)
            {
                Add(propertyType, key);
            }
        }
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Uri)
        || type == typeof(TimeSpan) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid);
}
