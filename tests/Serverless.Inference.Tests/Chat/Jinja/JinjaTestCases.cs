namespace Serverless.Inference.Tests.Chat.Jinja;

/// <summary>Every supported <c>is</c> test, with and without <c>not</c> and with bare arguments.</summary>
public static class JinjaTestCases
{
    private const string Values = "[0, 1, -3, 2.5, 2.0, '', 'Ab', 'ab', 'AB', [], [1], (1,), {}, {'a': 1}, none, true, false]";

    public static IReadOnlyList<JinjaCase> All { get; } =
    [
        C("Defined_Undefined", "{{ s is defined }} {{ missing is defined }} {{ missing is undefined }} {{ missing is not defined }} {{ nothing is defined }} {{ d.zz is defined }} {{ d.a is defined }}"),
        C("None_Boolean_True_False", Each("{{ v is none }}{{ v is not none }}{{ v is boolean }}{{ v is true }}{{ v is false }}")),
        C("String_Number_Integer_Float", Each("{{ v is string }}{{ v is number }}{{ v is integer }}{{ v is float }}")),
        C("Mapping_Iterable_Sequence", Each("{{ v is mapping }}{{ v is iterable }}{{ v is sequence }}") + "{{ missing is sequence }}{{ missing is iterable }}{{ d.keys() is sequence }}{{ (xs|select) is iterable }}{{ (xs|select) is sequence }}"),
        C("Callable", "{{ range is callable }} {{ 'a'.upper is callable }} {{ s is callable }} {{ raise_exception is callable }}"),
        C("Odd_Even_Divisibleby", "{% for v in [0, 1, 2, 3, -3, 4.0] %}{{ v is odd }}{{ v is even }}{{ v is divisibleby 3 }}{{ v is divisibleby(2) }} {% endfor %}"),
        C("Lower_Upper", Each("{{ v is lower }}{{ v is upper }}")),
        C("Sameas", "{{ none is sameas none }} {{ true is sameas true }} {{ 1 is sameas true }} {{ 5 is sameas 5 }} {{ xs is sameas xs }} {{ [1] is sameas [1] }}"),
        C("Comparison_Tests", "{{ 1 is eq 1 }} {{ 1 is equalto 1.0 }} {{ 'a' is == 'a' }} {{ 1 is ne 2 }} {{ 2 is gt 1 }} {{ 2 is greaterthan 3 }} {{ 2 is ge 2 }} {{ 1 is lt 2 }} {{ 1 is lessthan 1 }} {{ 1 is le 1 }} {{ 2 is != 2 }} {{ 2 is > 1 }} {{ 1 is < 2 }}"),
        C("In_Test", "{{ 2 is in xs }} {{ 'a' is in d }} {{ 'W' is in s }} {{ 9 is not in xs }}"),
        C("Escaped_Filter_Test", "{{ s is escaped }} {{ 'upper' is filter }} {{ 'nope' is filter }} {{ 'odd' is test }} {{ 'upper' is test }}"),
        C("Test_PrecedenceWithAndOrNot", "{{ s is string and n is number }} {{ not s is string }} {{ missing is defined or 'fallback' }} {{ 'x' if s is string else 'y' }}"),
    ];

    private static string Each(string body) => "{% for v in " + Values + " %}" + body + " {% endfor %}";

    private static JinjaCase C(string name, string template, string context = JinjaCases.Data) => new(name, template, context);
}
