namespace Serverless.Inference.Tests.Chat.Jinja;

/// <summary>Literals, operators, subscripts, attributes, methods, globals and how Python prints the results.</summary>
public static class JinjaExpressionCases
{
    public static IReadOnlyList<JinjaCase> All { get; } =
    [
        C("StringLiterals_WithEscapes", @"{{ 'tab\there' }}|{{ ""q\""uote"" }}|{{ 'back\\slash' }}|{{ '\u00e9\x41\101' }}|{{ 'keep \d' }}|{{ 'nl\nx' }}"),
        C("IntegerLiterals", "{{ 42 }} {{ 0x1F }} {{ 0o17 }} {{ 0b101 }} {{ 1_000_000 }} {{ 0 }}"),
        C("FloatLiterals_PrintLikePython", "{{ 1.5 }} {{ 1e3 }} {{ 1.5e-7 }} {{ 0.1 + 0.2 }} {{ 1e16 }} {{ 1e15 }} {{ 0.0001 }} {{ 0.00001 }} {{ 123456789.125 }} {{ 2.0 }} {{ -0.0 }} {{ 1_0.5 }}"),
        C("BooleanAndNoneLiterals", "{{ true }} {{ True }} {{ false }} {{ False }} {{ none }} {{ None }}"),
        C("IntegerArithmetic", "{{ 7 + 3 }} {{ 7 - 10 }} {{ 6 * 7 }} {{ 7 / 2 }} {{ 8 / 2 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 7 % -3 }} {{ 2 ** 10 }} {{ 2 ** -1 }}"),
        C("FloatArithmetic", "{{ 2.5 * 2 }} {{ 7.5 // 2 }} {{ -7.5 // 2 }} {{ 7.5 % 2 }} {{ 7.5 % -2 }} {{ 1 / 3 }} {{ 2 ** 0.5 }} {{ 10 / 4 }} {{ 1e300 * 10 }}"),
        C("BooleanArithmetic", "{{ true + 1 }} {{ true * 3 }} {{ -true }} {{ false - 1 }}"),
        C("PowerIsLeftAssociative_UnaryBindsTighter", "{{ 2 ** 3 ** 2 }} {{ -2 ** 2 }} {{ (-2) ** 3 }}"),
        C("UnaryMinusBeforeFilter", "{{ -n|abs }} {{ -(n|abs) }} {{ -f }}"),
        C("StringRepetitionAndConcatenation", "{{ '-' * 3 }}{{ 3 * 'ab' }}{{ 'x' * 0 }}{{ 'a' + 'b' }}{{ 'q' * -1 }}"),
        C("ListConcatenationAndRepetition", "{{ xs + [4] }} {{ [0] * 3 }} {{ (1, 2) + (3,) }} {{ [] + [] }}"),
        C("TildeConcatenatesStrings", "{{ 'n=' ~ n ~ ', f=' ~ f ~ ', none=' ~ nothing ~ ', missing=' ~ missing ~ ', list=' ~ xs ~ ', yes=' ~ yes }}"),
        C("Comparisons", "{{ 1 < 2 }} {{ 2 <= 2 }} {{ 3 > 4 }} {{ 'a' < 'b' }} {{ 'B' < 'a' }} {{ [1, 2] < [1, 3] }} {{ (1, 2) >= (1, 2) }} {{ 1 != 2 }}"),
        C("ComparisonChains", "{{ 1 < 2 < 3 }} {{ 1 < 3 < 2 }} {{ 1 == 1 == 1.0 }} {{ 3 > 2 > 1 > 0 }}"),
        C("EqualityAcrossTypes", "{{ 1 == 1.0 }} {{ true == 1 }} {{ false == 0 }} {{ '1' == 1 }} {{ [1, 2] == [1, 2] }} {{ [1] == (1,) }} {{ {'a': 1, 'b': 2} == {'b': 2, 'a': 1} }} {{ none == none }} {{ nothing == missing }} {{ missing == other_missing }}"),
        C("InOperator", "{{ 'ell' in s }} {{ 'xyz' in s }} {{ 2 in xs }} {{ 2.0 in xs }} {{ 'a' in d }} {{ 'z' not in d }} {{ 5 not in xs }} {{ 1 in missing }} {{ (1, 2) in [(1, 2)] }}"),
        C("AndOrReturnOperands", "{{ nothing or 'fallback' }}|{{ 0 and 1 }}|{{ 'a' and 'b' }}|{{ '' or [] }}|{{ xs or 'x' }}|{{ missing or 'default' }}"),
        C("NotOperator", "{{ not true }} {{ not 0 }} {{ not '' }} {{ not xs }} {{ not missing }} {{ not not 'x' }}"),
        C("ConditionalExpression", "{{ 'yes' if yes else 'no' }} {{ 'yes' if no else 'no' }} [{{ 'shown' if no }}] {{ ('x' if no) is defined }} {{ 1 if no else 2 if yes else 3 }}"),
        C("Truthiness", "{% for v in [0, 1, 0.0, 0.5, '', 'a', [], [0], {}, {'a': 1}, none, true, false] %}{{ 'T' if v else 'F' }}{% endfor %}{{ 'T' if missing else 'F' }}"),
        C("Subscripts", "{{ xs[0] }} {{ xs[-1] }} {{ d['a'] }} {{ s[0] }} {{ s[-1] }} {{ nested['a']['b'][2]['c'] }} {{ nested.a.b[2].c }} {{ xs.1 }} [{{ xs[10] }}] [{{ d['zz'] }}]"),
        C("Slices", "{{ xs[1:] }} {{ xs[:-1] }} {{ xs[::-1] }} {{ xs[::2] }} {{ s[6:] }} {{ s[::-1] }} {{ s[1:8:3] }} {{ xs[5:] }} {{ xs[-10:1] }} {{ (1, 2, 3)[1:] }} {{ unicode[-2:] }}"),
        C("AttributeFallsBackToKey", "{{ users[0].name }} {{ users[0]['role'] }} [{{ users[1].role }}] {{ users[1].role is defined }} {{ d.items is defined }} {{ d['items'] }}"),
        C("AttributeOnNone_IsUndefined", "[{{ nothing.anything }}] {{ nothing.anything is defined }} [{{ n.real_thing }}]"),
        C("PrintsValuesLikePythonStr", "{{ xs }} {{ d }} {{ users[1] }} {{ (1,) }} {{ () }} {{ (1, 'a') }} {{ [none, true, 1.5, 'it\\'s', \"q\\\"\"] }} {{ floats }} {{ nested }}"),
        C("PrintsStringReprEscapes", @"{{ ['tab\t', 'nl\n', 'bs\\', 'ctl' ~ '\x01', 'nbsp\xa0', 'é', '😀', '''', '""', '\'""'] }}"),
        C("PrintsDictViews", "{{ d.keys() }} {{ d.values() }} {{ d.items() }} {{ d.keys()|list }}"),
        C("ListAndDictLiterals_WithTrailingCommas", "{{ [1, 2,] }} {{ {'a': 1,} }} {{ (1, 2,) }} {{ {} }} {{ [] }} {{ {1: 'int key', 'x': [1]} }}"),
        C("DictLiteral_DuplicateKeyKeepsFirstPositionLastValue", "{{ {'a': 1, 'b': 2, 'a': 3} }} {{ {1: 'a', 1.0: 'b', true: 'c'} }}"),
        C("Undefined_PrintsEmptyAndIsFalse", "[{{ missing }}] {{ missing is defined }} {{ missing is undefined }} {{ 'T' if missing else 'F' }} {{ missing|length }} {{ missing|list }}"),
        C("Undefined_ComparesEqualToUndefined", "{{ missing == missing }} {{ missing == none }} {{ missing != 0 }}"),
        C("StringMethods_Strip", "[{{ text.strip() }}] [{{ text.lstrip() }}] [{{ text.rstrip() }}] [{{ 'xxhixx'.strip('x') }}] [{{ '\n\nhi'.lstrip('\n') }}] [{{ 'ab'.rstrip('') }}]"),
        C("StringMethods_StartsEndsWith", "{{ s.startswith('Hell') }} {{ s.endswith('World') }} {{ s.startswith(('x', 'He')) }} {{ s.endswith('o', 0, 5) }} {{ s.startswith('World', 6) }}"),
        C("StringMethods_Split", "{{ 'a,b,,c'.split(',') }} {{ '  a  b c '.split() }} {{ 'a b c'.split(' ', 1) }} {{ '  a b  c  '.split(none, 1) }} {{ 'a-b-c'.rsplit('-', 1) }} {{ '  a b  c  '.rsplit(none, 1) }} {{ ''.split() }} {{ ''.split(',') }} {{ 'x</think>y'.split('</think>')[-1] }}"),
        C("StringMethods_SplitLines", "{{ 'a\nb\r\nc\rd\n'.splitlines() }} {{ 'a\nb\n'.splitlines(true) }} {{ ''.splitlines() }}"),
        C("StringMethods_Case", "{{ s.upper() }} {{ s.lower() }} {{ 'hello wORLD 3rd x-y'.title() }} {{ 'hELLO wORLD'.capitalize() }} {{ \"they're\".title() }}"),
        C("StringMethods_ReplaceFindCount", "{{ s.replace('o', '0') }} {{ s.replace('o', '0', 1) }} {{ 'abc'.replace('', '-') }} {{ s.find('o') }} {{ s.rfind('o') }} {{ s.find('z') }} {{ s.count('o') }} {{ 'aaaa'.count('aa') }} {{ s.index('W') }} {{ unicode.find('w') }}"),
        C("StringMethods_JoinAndFormat", "{{ ', '.join(['a', 'b']) }} {{ '-'.join('xyz') }} {{ '{} and {}'.format('a', 1) }} {{ '{1}{0}{name!r}'.format('a', 'b', name='c') }} {{ '{:>5}|{:<4}|{:^6}|{:.2f}|{:03d}'.format('ab', 'c', 'mid', 3.14159, 7) }}"),
        C("StringMethods_Predicates", "{{ '123'.isdigit() }} {{ 'abc'.isalpha() }} {{ 'a1'.isalnum() }} {{ ' \t'.isspace() }} {{ 'abc'.islower() }} {{ 'ABC'.isupper() }} {{ ''.isdigit() }} {{ 'prefix-x'.removeprefix('prefix-') }}"),
        C("PercentFormatting", "{{ '%s-%d' % ('a', 3) }} {{ '%s' % 'solo' }} {{ '%5.1f|%-4s|%03d|%%|%r' % (3.14159, 'ab', 7, 'q') }} {{ '%(a)s=%(b)d' % {'a': 'x', 'b': 2} }}"),
        C("DictMethods", "{{ d.get('a') }} {{ d.get('zz') }} {{ d.get('zz', 'dflt') }} {{ d.keys()|list }} {{ d.values()|list }} {{ d.items()|list }} {{ d.copy() }}"),
        C("ListMethods_IndexAndCount", "{{ words.index('c') }} {{ [1, 2, 1].count(1) }} {{ xs.copy() }}"),
        C("Range", "{{ range(5)|list }} {{ range(2, 5)|list }} {{ range(10, 0, -3)|list }} {{ range(0)|list }} {{ range(5, 2)|list }} {% for i in range(3) %}{{ i }}{% endfor %}"),
        C("DictGlobal", "{{ dict(a=1, b='x') }} {{ dict({'z': 0}, y=1) }} {{ dict(pairs) }} {{ dict() }}"),
        C("StrftimeNow", "{{ strftime_now('%Y-%m-%d %H:%M:%S') }}|{{ strftime_now('%d %B %Y, %A (%a %b)') }}|{{ strftime_now('%-d %-m %y %I%p %j %%') }}"),
        C("NumbersFromContext_KeepIntAndFloat", "{{ n }} {{ f }} {{ n is integer }} {{ f is float }} {{ n / 7 }} {{ floats[1] }} {{ floats[1] is float }}"),
        C("UnicodeLengthsCountCodePoints", "{{ unicode|length }} {{ unicode[-1] }} {{ unicode|reverse }} {{ unicode|upper }}"),
    ];

    private static JinjaCase C(string name, string template, string context = JinjaCases.Data) => new(name, template, context);
}
