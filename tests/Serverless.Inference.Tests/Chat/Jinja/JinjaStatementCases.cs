namespace Serverless.Inference.Tests.Chat.Jinja;

/// <summary>if, for (with loop, filter, else, break, continue), set, namespace, macro, with, filter and generation blocks.</summary>
public static class JinjaStatementCases
{
    public static IReadOnlyList<JinjaCase> All { get; } =
    [
        C("IfElifElse", "{% for v in [0, 1, 2, 3] %}{% if v == 0 %}zero{% elif v == 1 %}one{% elif v == 2 %}two{% else %}many{% endif %},{% endfor %}"),
        C("IfWithTupleTest", "{% if 0, 0 %}tuple is true{% endif %}"),
        C("ForLoopWithLoopIndex", "{% for x in words %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.revindex0 }}/{{ loop.length }} {% endfor %}"),
        C("ForLoopWithLoopFirstAndLast", "{% for x in xs %}{% if loop.first %}[{% endif %}{{ x }}{% if not loop.last %}, {% else %}]{% endif %}{% endfor %}"),
        C("ForLoopWithPrevAndNextItem", "{% for x in xs %}({{ loop.previtem }}<{{ x }}>{{ loop.nextitem }}){{ loop.previtem is defined }}{% endfor %}"),
        C("ForLoopWithCycle", "{% for x in words %}{{ loop.cycle('odd', 'even') }} {% endfor %}"),
        C("ForLoopWithChanged", "{% for u in users %}{% if loop.changed(u.age) %}[{{ u.age }}]{% endif %}{{ u.name }} {% endfor %}"),
        C("ForLoopWithDepth", "{% for x in xs %}{{ loop.depth }}{{ loop.depth0 }}{% endfor %}"),
        C("ForLoopElse_RunsWhenEmpty", "{% for x in empty %}{{ x }}{% else %}nothing{% endfor %}|{% for x in xs %}{{ x }}{% else %}nothing{% endfor %}"),
        C("ForLoopWithIf_FiltersAndRenumbers", "{% for x in [1, 2, 3, 4, 5, 6] if x is even %}{{ loop.index }}:{{ x }}/{{ loop.length }} {% endfor %}"),
        C("ForLoopWithIf_ElseWhenAllFiltered", "{% for x in xs if x > 10 %}{{ x }}{% else %}none left{% endfor %}"),
        C("ForOverDictItems_UnpacksPairs", "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}"),
        C("ForOverDict_YieldsKeys", "{% for k in d %}{{ k }},{% endfor %}"),
        C("ForOverString_YieldsCharacters", "{% for c in 'héy😀' %}[{{ c }}]{% endfor %}"),
        C("ForOverUndefined_YieldsNothing", "{% for x in missing %}{{ x }}{% else %}empty{% endfor %}"),
        C("ForWithTupleTarget_OverListOfLists", "{% for (a, b) in pairs %}{{ a }}{{ b }}{% endfor %}|{% for a, b in [(1, 2), [3, 4], 'xy'] %}{{ a }}-{{ b }} {% endfor %}"),
        C("NestedLoops_InnerLoopShadowsOuter", "{% for a in xs %}{% set outer = loop %}{% for b in 'xy' %}{{ outer.index }}{{ loop.index }}{{ b }} {% endfor %}{% endfor %}"),
        C("Break_StopsLoop", "{% for x in [1, 2, 3, 4] %}{% if x == 3 %}{% break %}{% endif %}{{ x }}{% endfor %}"),
        C("Continue_SkipsIteration", "{% for x in [1, 2, 3, 4] %}{% if x is odd %}{% continue %}{% endif %}{{ x }}{% endfor %}"),
        C("BreakInNestedLoop_StopsInnerOnly", "{% for a in xs %}{% for b in xs %}{% if b > a %}{% break %}{% endif %}{{ a }}{{ b }} {% endfor %}{% endfor %}"),
        C("SetInsideFor_DoesNotLeak", "{% set total = 0 %}{% for x in xs %}{% set total = total + x %}{{ total }},{% endfor %}{{ total }}"),
        C("SetInsideFor_ResetsEachIteration", "{% set y = 0 %}{% for i in xs %}{% if i == 2 %}[{{ y }}]{% endif %}{% set y = i %}{% endfor %}{{ y }}"),
        C("SetInsideFor_ReadBeforeSetIsOuterValue", "{% for i in xs %}{{ z }}{% set z = i %}{% endfor %}"),
        C("SetInsideIf_Leaks", "{% if true %}{% set z = 5 %}{% endif %}{{ z }}"),
        C("LoopVariable_GoneAfterLoop", "{% for x in xs %}{% endfor %}{{ x is defined }}{{ loop is defined }}"),
        C("SetTupleUnpacking", "{% set a, b = 1, 'two' %}{{ a }}{{ b }}{% set (c, d) = [3, 4] %}{{ c + d }}"),
        C("SetBlock_CapturesOutput", "{% set greeting %}Hi {{ s }}!{% endset %}[{{ greeting }}]"),
        C("SetBlock_WithFilter", "{% set shout | upper | replace('!', '?') %}hey {{ n }}!{% endset %}{{ shout }}"),
        C("Namespace_CarriesValuesOutOfLoop", "{% set ns = namespace(total=0, seen=[]) %}{% for x in xs %}{% set ns.total = ns.total + x %}{% set ns.seen = ns.seen + [x] %}{% endfor %}{{ ns.total }} {{ ns.seen }}"),
        C("Namespace_FromDictAndPrinting", "{% set ns = namespace({'a': 1}, b=2) %}{{ ns.a }}{{ ns.b }}{{ ns.c is defined }}{{ ns }}"),
        C("Macro_WithDefaultsAndKeywords", "{% macro tag(name, value='x', sep='=') %}{{ name }}{{ sep }}{{ value }}{% endmacro %}{{ tag('a') }} {{ tag('b', 2) }} {{ tag('c', sep=':') }} {{ tag(value=3, name='d') }}"),
        C("Macro_MissingArgumentIsUndefined", "{% macro m(a, b) %}[{{ a }}|{{ b }}|{{ b is defined }}]{% endmacro %}{{ m(1) }}"),
        C("Macro_DefaultSeesEarlierParameter", "{% macro m(a, b=a * 2) %}{{ a }},{{ b }}{% endmacro %}{{ m(3) }}"),
        C("Macro_Recursion", "{% macro walk(v) %}{% if v is mapping %}{% for k, x in v.items() %}{{ k }}:{{ walk(x) }};{% endfor %}{% elif v is sequence and v is not string %}[{% for x in v %}{{ walk(x) }}{% endfor %}]{% else %}{{ v }}{% endif %}{% endmacro %}{{ walk(nested) }}"),
        C("Macro_SeesGlobalsAtCallTime", "{% macro m() %}{{ q }}{% endmacro %}{% set q = 1 %}{{ m() }}{% set q = 2 %}{{ m() }}"),
        C("Macro_SetInsideDoesNotLeak", "{% macro m() %}{% set inner = 1 %}{{ inner }}{% endmacro %}{{ m() }}{{ inner is defined }}"),
        C("Macro_ResultIsString", "{% macro m() %}{{ 42 }}{% endmacro %}{{ m() is string }}{{ m() ~ '!' }}{{ m()|length }}"),
        C("With_ScopesVariables", "{% set a = 'outer' %}{% with a = 'inner', b = a %}{{ a }} {{ b }}{% endwith %} {{ a }}{{ b is defined }}"),
        C("FilterBlock_FiltersBody", "{% filter upper %}hello {{ s }}{% endfilter %}|{% filter trim | replace('a', 'o') %}  banana  {% endfilter %}"),
        C("GenerationBlock_RendersBodyAsIs", "{% for m in xs %}{% generation %}<{{ m }}>{% endgeneration %}{% endfor %}"),
        C("GenerationBlock_SetDoesNotLeak", "{% generation %}{% set g = 1 %}{{ g }}{% endgeneration %}{{ g is defined }}"),
    ];

    private static JinjaCase C(string name, string template, string context = JinjaCases.Data) => new(name, template, context);
}
