namespace Serverless.Inference.Tests.Chat.Jinja;

/// <summary>Tags, comments, raw blocks and whitespace control with trim_blocks and lstrip_blocks.</summary>
public static class JinjaSyntaxCases
{
    public static IReadOnlyList<JinjaCase> All { get; } =
    [
        C("TextOnly_PassesThrough", "Hello, world! { not a tag } %} #}"),
        C("TrailingNewline_IsRemoved", "line\n"),
        C("TwoTrailingNewlines_OneIsRemoved", "line\n\n"),
        C("CarriageReturns_BecomeNewlines", "a\r\nb\rc\r\n"),
        C("Variable_Prints", "{{ s }}|{{ n }}|{{ f }}"),
        C("Comment_IsDropped", "a{# a comment with {{ tags }} #}b"),
        C("Comment_AloneOnLine_LeavesNoBlankLine", "a\n  {# comment #}\nb"),
        C("Comment_WithWhitespaceControl", "x\n  {#- c -#}  y\n{# c +#}\nz"),
        C("Minus_StripsWhitespaceAroundVariable", "a  \n {{- s -}} \n  b"),
        C("Minus_StripsWhitespaceAroundBlock", "a  \n {%- if true -%} \n  b {%- endif %}  c"),
        C("TrimBlocks_RemovesNewlineAfterBlock", "{% if true %}\nx\n{% endif %}\ny"),
        C("LstripBlocks_RemovesIndentBeforeBlock", "<ul>\n    {% for i in xs %}\n    <li>{{ i }}</li>\n    {% endfor %}\n</ul>"),
        C("LstripBlocks_WithTabs", "\t{% if true %}\n\tx\n\t{% endif %}\n"),
        C("LstripBlocks_AtTemplateStart", "   {% if true %}x{% endif %}"),
        C("LstripBlocks_NotWhenTextPrecedesOnLine", "a {% if true %}\nb{% endif %}\n  c {% if true %}d{% endif %}"),
        C("Plus_KeepsIndentAndNewline", "{% if true +%}\n  {%+ if true %}x{% endif %}\n{% endif %}"),
        C("VariableTag_IsNotLstripped", "  {{ s }}\n  {{ n }}\n"),
        C("TrimBlocks_OnlyOneNewline", "{% if true %}\n\nx{% endif %}"),
        C("TrimBlocks_NotAfterVariable", "{{ s }}\nx"),
        C("Whitespace_AfterBlockOnSameLineStays", "a  {{ 1 }}  \n  {% if 1 %}\n\tq\n  {% endif %}  \nend\n"),
        C("Raw_PrintsTagsLiterally", "{% raw %}{{ not evaluated }}{% if %}{% endraw %}"),
        C("Raw_WhitespaceHandling", "a\n  {% raw %}\n  x {{ y }}\n  {% endraw %}\nb"),
        C("Raw_WithMinus", "  {%- raw -%}  x  {%- endraw -%}  b"),
        C("NestedBraces_InsideVariable", "{{ {'a': {'b': 1}} }}|{{ {'k': [1, {'z': 2}]}['k'][1]['z'] }}"),
        C("MultilineTag", "{% if\n  true\n  and yes\n%}x{% endif %}"),
        C("Colon_AfterBlockHeader", "{% if true: %}x{% endif %}{% for i in xs: %}{{ i }}{% endfor %}"),
        C("EndTags_WithWhitespaceControl", "{%- for i in xs -%}\n  {{ i }}\n{%- endfor -%}\n!"),
        C("PrintStatement", "{% print s, n %}"),
        C("AdjacentStringLiterals_Join", "{{ 'a' 'b' \"c\" }}"),
        C("EmptyTemplate", ""),
    ];

    private static JinjaCase C(string name, string template, string context = JinjaCases.Data) => new(name, template, context);
}
