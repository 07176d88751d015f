namespace Serverless.Inference.Tests.Chat.Jinja;

/// <summary>Every supported filter with its arguments, including Hugging Face's tojson.</summary>
public static class JinjaFilterCases
{
    public static IReadOnlyList<JinjaCase> All { get; } =
    [
        C("Trim", "[{{ text|trim }}] [{{ '--x--'|trim('-') }}] [{{ 5|trim }}] [{{ missing|trim }}]"),
        C("Tojson_Defaults", "{{ users|tojson }}|{{ 'é \"q\" \\\\ \n \t \x01 \x7f'|tojson }}|{{ none|tojson }} {{ true|tojson }} {{ 1.0|tojson }} {{ floats|tojson }} {{ (1, 'a')|tojson }} {{ {}|tojson }} {{ []|tojson }}"),
        C("Tojson_Indent", "{{ nested|tojson(indent=2) }}\n{{ users[:2]|tojson(indent=4) }}\n{{ {'e': [], 'f': {}}|tojson(indent=2) }}\n{{ xs|tojson(indent=0) }}\n{{ xs|tojson(indent='\t') }}"),
        C("Tojson_SortKeysAndSeparators", "{{ d|tojson(sort_keys=true) }}|{{ d|tojson(separators=(',', ':')) }}|{{ d|tojson(indent=1, separators=(';', '=')) }}"),
        C("Tojson_EnsureAscii", "{{ unicode|tojson(ensure_ascii=true) }}|{{ unicode|tojson }}|{{ 'x'|tojson(true) }}"),
        C("Tojson_NonStringKeys", "{{ {1: 'a', 2.5: 'b', true: 'c', none: 'd'}|tojson }}"),
        C("Length_And_Count", "{{ xs|length }} {{ s|length }} {{ d|length }} {{ empty|count }} {{ (xs|select)|list|length }}"),
        C("Upper_Lower_Title_Capitalize", "{{ s|upper }} {{ s|lower }} {{ 'hello wORLD-foo (bar) [x]'|title }} {{ 'hELLO'|capitalize }} {{ n|upper }}"),
        C("Replace", "{{ s|replace('l', 'L') }} {{ s|replace('l', 'L', 2) }} {{ 'aaa'|replace('a', 'bb') }} {{ 123|replace('2', 'x') }}"),
        C("Default", "{{ missing|default('dflt') }} {{ nothing|default('dflt') }} {{ ''|default('dflt') }} {{ ''|default('dflt', true) }} {{ 0|d('zero', boolean=true) }} {{ s|d }} [{{ missing|default }}]"),
        C("Join", "{{ words|join }} {{ words|join(', ') }} {{ xs|join('-') }} {{ users|join(', ', attribute='name') }} {{ [1, none, true]|join('|') }}"),
        C("First_Last", "{{ xs|first }} {{ xs|last }} {{ s|first }} {{ s|last }} {{ d|first }} [{{ empty|first }}] {{ empty|first is defined }} {{ (xs|select)|first }}"),
        C("List_String", "{{ s|list }} {{ d|list }} {{ (1, 2)|list }} {{ xs|string }} {{ nothing|string }} {{ missing|string }}|"),
        C("Int", "{{ '42'|int }} {{ '42.7'|int }} {{ 'x'|int }} {{ 'x'|int(7) }} {{ 3.9|int }} {{ -3.9|int }} {{ true|int }} {{ nothing|int }} {{ ' 12 '|int }} {{ '0x1A'|int(0, 16) }} {{ '1_000'|int }} {{ '1e3'|int }} {{ xs|int }}"),
        C("Float", "{{ '4.5'|float }} {{ 'x'|float }} {{ 'x'|float(1.5) }} {{ 3|float }} {{ ' 1e2 '|float }} {{ nothing|float }} {{ 'nan'|float }} {{ '-inf'|float }}"),
        C("Abs", "{{ -3|abs }} {{ (-3)|abs }} {{ -2.5|abs }} {{ true|abs }}"),
        C("Round", "{{ 2.5|round }} {{ 3.5|round }} {{ 2.675|round(2) }} {{ 1.2345|round(2, 'floor') }} {{ 1.2311|round(2, 'ceil') }} {{ 7|round }} {{ 15|round(-1) }} {{ 25|round(-1) }} {{ 0.125|round(2) }} {{ 42.55|round(1) }} {{ -0.5|round }}"),
        C("Items", "{% for k, v in d|items %}{{ k }}{{ v }}{% endfor %}|{% for k, v in missing|items %}x{% endfor %}|{{ d|items|list }}"),
        C("Dictsort", "{{ d|dictsort }} {{ d|dictsort(reverse=true) }} {{ {'b': 1, 'A': 2, 'a': 3}|dictsort }} {{ {'b': 1, 'A': 2, 'a': 3}|dictsort(true) }} {{ {'x': 2, 'y': 1}|dictsort(false, 'value') }}"),
        C("Selectattr_Rejectattr", "{{ users|selectattr('role')|map(attribute='name')|list }} {{ users|rejectattr('role')|map(attribute='name')|list }} {{ users|selectattr('age', 'equalto', 30)|map(attribute='name')|list }} {{ users|selectattr('role', 'defined')|list|length }} {{ users|rejectattr('age', '>', 26)|map(attribute='name')|join }} {{ users|selectattr('role', 'equalto', 'admin')|list|length }}"),
        C("Select_Reject", "{{ [0, 1, '', 'a', none]|select|list }} {{ xs|select('odd')|list }} {{ xs|reject('odd')|list }} {{ xs|select('>', 1)|list }} {{ xs|select('in', [1, 3])|list }} {{ words|select('lower')|list }}"),
        C("Map", "{{ users|map(attribute='name')|list }} {{ users|map(attribute='role', default='guest')|list }} {{ words|map('upper')|list }} {{ xs|map('string')|join(',') }} {{ [' a ', 'b ']|map('trim')|list }} {{ nested|map('upper')|list }} {{ users|map(attribute='name')|map('replace', 'n', 'N')|list }} {{ empty|map('upper')|list }}"),
        C("Map_DottedAttribute", "{{ [nested, nested]|map(attribute='a.b.1')|list }}"),
        C("Unique", "{{ [1, 2, 1, 3, 2]|unique|list }} {{ words|unique|list }} {{ words|unique(case_sensitive=true)|list }} {{ users|unique(attribute='age')|map(attribute='name')|list }}"),
        C("Reverse", "{{ xs|reverse|list }} {{ s|reverse }} {{ d|reverse|list }} {% for x in xs|reverse %}{{ x }}{% endfor %}"),
        C("Sort", "{{ [3, 1, 2]|sort }} {{ words|sort }} {{ words|sort(case_sensitive=true) }} {{ words|sort(reverse=true) }} {{ users|sort(attribute='age')|map(attribute='name')|list }} {{ users|sort(attribute='age,name', reverse=true)|map(attribute='name')|list }} {{ [2.5, 1, true]|sort }}"),
        C("Sum_Min_Max", "{{ xs|sum }} {{ users|sum(attribute='age') }} {{ xs|sum(start=10) }} {{ floats|sum }} {{ xs|min }} {{ xs|max }} {{ words|min }} {{ words|max }} {{ words|max(case_sensitive=true) }} {{ users|max(attribute='age') }} [{{ empty|min }}]"),
        C("Indent", "{{ 'a\nb\n\nc'|indent }}|{{ 'a\nb'|indent(2, true) }}|{{ 'a\n\nb\n'|indent(2, blank=true) }}|{{ 'a\nb'|indent('> ') }}|{{ ''|indent(first=true) }}"),
        C("Escape_And_Safe", "{{ '<a href=\"x\">&\\'</a>'|e }} {{ '<b>'|escape }} {{ '<b>'|safe }} {{ 5|e }} {{ nothing|e }}"),
        C("Wordcount_Center", "{{ 'hello big_world, 3 times!'|wordcount }} [{{ 'ab'|center(7) }}] [{{ 'ab'|center(6) }}] [{{ 'abc'|center(2) }}]"),
        C("Batch", "{{ xs|batch(2)|list }} {{ xs|batch(2, 'x')|list }} {% for row in [1, 2, 3, 4]|batch(3) %}{{ row|join }};{% endfor %}"),
        C("Format", "{{ '%s is %d years'|format('Ann', 30) }} {{ '%(x)s!'|format(x='hi') }} {{ '%.3f'|format(2.0) }}"),
        C("Attr", "{{ d|attr('items') is defined }} {{ d|attr('a') is defined }} {{ 'abc'|attr('upper') is callable }}"),
        C("ChainedFilters", "{{ users|selectattr('role', 'defined')|map(attribute='name')|map('lower')|sort|join(' & ')|upper }}"),
    ];

    private static JinjaCase C(string name, string template, string context = JinjaCases.Data) => new(name, template, context);
}
