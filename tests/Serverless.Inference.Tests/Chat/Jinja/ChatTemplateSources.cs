namespace Serverless.Inference.Tests.Chat.Jinja;

/// <summary>
/// Chat templates written for these tests in the style of the well-known model families (their header tokens,
/// role handling, tool rendering and whitespace habits), not copies of the published ones.
/// </summary>
public static class ChatTemplateSources
{
    /// <summary>Llama 3 style: header tokens, a dated system block, tools as indented JSON, ipython tool results.</summary>
    public const string Llama3 = """
        {{- bos_token }}
        {%- if not tools is defined %}
            {%- set tools = none %}
        {%- endif %}
        {%- if messages[0]['role'] == 'system' %}
            {%- set system_text = messages[0]['content'] | trim %}
            {%- set messages = messages[1:] %}
        {%- else %}
            {%- set system_text = "" %}
        {%- endif %}
        {{- "<|start_header_id|>system<|end_header_id|>\n\n" }}
        {{- "Knowledge cutoff: 2023-12\n" }}
        {{- "Current date: " + strftime_now("%d %b %Y") + "\n\n" }}
        {%- if tools is not none %}
            {{- "Functions you may call, answering with {\"name\": ..., \"parameters\": {...}}:\n\n" }}
            {%- for fn in tools %}
                {{- fn | tojson(indent=4) }}
                {{- "\n\n" }}
            {%- endfor %}
        {%- endif %}
        {{- system_text }}
        {{- "<|eot_id|>" }}
        {%- for message in messages %}
            {%- if message.role in ['ipython', 'tool'] %}
                {{- "<|start_header_id|>ipython<|end_header_id|>\n\n" }}
                {%- if message.content is mapping or (message.content is iterable and message.content is not string) %}
                    {{- message.content | tojson }}
                {%- else %}
                    {{- message.content }}
                {%- endif %}
                {{- "<|eot_id|>" }}
            {%- elif 'tool_calls' in message and message.tool_calls %}
                {%- for call in message.tool_calls %}
                    {%- set fn = call.function if call.function is defined else call %}
                    {{- '<|start_header_id|>assistant<|end_header_id|>\n\n' -}}
                    {{- '{"name": "' + fn.name + '", "parameters": ' + fn.arguments | tojson + '}' }}
                    {{- "<|eot_id|>" }}
                {%- endfor %}
            {%- else %}
                {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' + message['content'] | trim + '<|eot_id|>' }}
            {%- endif %}
        {%- endfor %}
        {%- if add_generation_prompt %}
            {{- '<|start_header_id|>assistant<|end_header_id|>\n\n' }}
        {%- endif %}
        """;

    /// <summary>Llama 2 style: [INST] turns, the system prompt folded into the first one inside &lt;&lt;SYS&gt;&gt;, strict alternation.</summary>
    public const string Llama2 = """
        {% if messages[0]['role'] == 'system' %}
            {% set turns = messages[1:] %}
            {% set sys = messages[0]['content'] %}
        {% else %}
            {% set turns = messages %}
            {% set sys = false %}
        {% endif %}
        {% for message in turns %}
            {% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}
                {{ raise_exception('Roles must go user, assistant, user, assistant and so on.') }}
            {% endif %}
            {% if loop.index0 == 0 and sys != false %}
                {% set text = '<<SYS>>\n' + sys + '\n<</SYS>>\n\n' + message['content'] %}
            {% else %}
                {% set text = message['content'] %}
            {% endif %}
            {% if message['role'] == 'user' %}
                {{ bos_token + '[INST] ' + text.strip() + ' [/INST]' }}
            {% elif message['role'] == 'assistant' %}
                {{ ' ' + text.strip() + ' ' + eos_token }}
            {% endif %}
        {% endfor %}
        """;

    /// <summary>Mistral style: [INST] turns, the system prompt prepended to the last user turn, tools and tool calls in brackets.</summary>
    public const string Mistral = """
        {%- if messages[0]["role"] == "system" %}
            {%- set sys_prompt = messages[0]["content"] %}
            {%- set rest = messages[1:] %}
        {%- else %}
            {%- set rest = messages %}
        {%- endif %}
        {%- if tools is not defined %}
            {%- set tools = none %}
        {%- endif %}
        {%- set user_turns = rest | selectattr("role", "equalto", "user") | list %}
        {%- set state = namespace(turn=0) %}
        {%- for m in rest %}
            {%- if not (m.role == "tool" or (m.tool_calls is defined and m.tool_calls)) %}
                {%- if (m["role"] == "user") != (state.turn % 2 == 0) %}
                    {{- raise_exception("After an optional system message, user and assistant must take turns.") }}
                {%- endif %}
                {%- set state.turn = state.turn + 1 %}
            {%- endif %}
        {%- endfor %}
        {{- bos_token }}
        {%- for m in rest %}
            {%- if m["role"] == "user" %}
                {%- if tools is not none and m == user_turns[-1] %}
                    {{- "[AVAILABLE_TOOLS] [" }}
                    {%- for t in tools %}
                        {%- set fn = t.function %}
                        {{- '{"type": "function", "function": {' }}
                        {%- for key, val in fn.items() if key != "return" %}
                            {%- if val is string %}
                                {{- '"' + key + '": "' + val + '"' }}
                            {%- else %}
                                {{- '"' + key + '": ' + val | tojson }}
                            {%- endif %}
                            {%- if not loop.last %}{{- ", " }}{%- endif %}
                        {%- endfor %}
                        {{- "}}" }}
                        {{- ", " if not loop.last else "]" }}
                    {%- endfor %}
                    {{- "[/AVAILABLE_TOOLS]" }}
                {%- endif %}
                {%- if loop.last and sys_prompt is defined %}
                    {{- "[INST] " + sys_prompt + "\n\n" + m["content"] + "[/INST]" }}
                {%- else %}
                    {{- "[INST] " + m["content"] + "[/INST]" }}
                {%- endif %}
            {%- elif m.tool_calls is defined and m.tool_calls is not none %}
                {{- "[TOOL_CALLS] [" }}
                {%- for call in m.tool_calls %}
                    {%- set encoded = call.function | tojson %}
                    {%- if call.id is not defined or call.id | length != 9 %}
                        {{- raise_exception("Tool call ids must be 9 characters long.") }}
                    {%- endif %}
                    {{- encoded[:-1] + ', "id": "' + call.id + '"}' }}
                    {{- ", " if not loop.last else "]" + eos_token }}
                {%- endfor %}
            {%- elif m["role"] == "assistant" %}
                {{- " " + m["content"] | trim + eos_token }}
            {%- elif m["role"] == "tool" %}
                {{- '[TOOL_RESULTS] {"content": ' + m.content | tojson + ', "call_id": "' + m.tool_call_id + '"}[/TOOL_RESULTS]' }}
            {%- else %}
                {{- raise_exception("Only user, assistant and tool roles may follow the system message.") }}
            {%- endif %}
        {%- endfor %}
        """;

    /// <summary>ChatML / Qwen style: &lt;|im_start|&gt; turns, tools listed as JSON lines, tool calls and grouped tool responses.</summary>
    public const string ChatMl = """
        {%- if tools %}
            {{- '<|im_start|>system\n' }}
            {{- (messages[0].content if messages[0].role == 'system' else 'You are a helpful assistant.') + '\n\n' }}
            {{- "# Tools\n\nThe functions below are available, described inside <tools></tools>:\n<tools>" }}
            {%- for tool in tools %}
                {{- "\n" + tool | tojson }}
            {%- endfor %}
            {{- "\n</tools>\n\nTo call one, answer with <tool_call>{\"name\": ..., \"arguments\": ...}</tool_call>.<|im_end|>\n" }}
        {%- elif messages[0].role == 'system' %}
            {{- '<|im_start|>system\n' + messages[0].content + '<|im_end|>\n' }}
        {%- else %}
            {{- '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n' }}
        {%- endif %}
        {%- for message in messages %}
            {%- if message.role == "user" or (message.role == "system" and not loop.first) or (message.role == "assistant" and not message.tool_calls) %}
                {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>\n' }}
            {%- elif message.role == "assistant" %}
                {{- '<|im_start|>assistant' }}
                {%- if message.content %}
                    {{- '\n' + message.content }}
                {%- endif %}
                {%- for call in message.tool_calls %}
                    {%- if call.function is defined %}
                        {%- set call = call.function %}
                    {%- endif %}
                    {{- '\n<tool_call>\n{"name": "' ~ call.name ~ '", "arguments": ' ~ call.arguments | tojson ~ '}\n</tool_call>' }}
                {%- endfor %}
                {{- '<|im_end|>\n' }}
            {%- elif message.role == "tool" %}
                {%- if loop.first or messages[loop.index0 - 1].role != "tool" %}
                    {{- '<|im_start|>user' }}
                {%- endif %}
                {{- '\n<tool_response>\n' + message.content + '\n</tool_response>' }}
                {%- if loop.last or messages[loop.index0 + 1].role != "tool" %}
                    {{- '<|im_end|>\n' }}
                {%- endif %}
            {%- endif %}
        {%- endfor %}
        {%- if add_generation_prompt %}
            {{- '<|im_start|>assistant\n' }}
        {%- endif %}
        """;

    /// <summary>Gemma style: assistant becomes "model", the system prompt prefixes the first user turn, content may be a list of parts.</summary>
    public const string Gemma = """
        {{ bos_token }}
        {%- if messages[0]['role'] == 'system' -%}
            {%- set prefix = messages[0]['content'] + '\n\n' -%}
            {%- set turns = messages[1:] -%}
        {%- else -%}
            {%- set prefix = "" -%}
            {%- set turns = messages -%}
        {%- endif -%}
        {%- for message in turns -%}
            {%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) -%}
                {{ raise_exception("Turns must alternate between user and model.") }}
            {%- endif -%}
            {%- set role = 'model' if message['role'] == 'assistant' else message['role'] -%}
            {{ '<start_of_turn>' + role + '\n' + (prefix if loop.first else "") }}
            {%- if message['content'] is string -%}
                {{ message['content'] | trim }}
            {%- elif message['content'] is iterable -%}
                {%- for part in message['content'] -%}
                    {%- if part['type'] == 'text' -%}
                        {{ part['text'] | trim }}
                    {%- elif part['type'] == 'image' -%}
                        {{ '<start_of_image>' }}
                    {%- endif -%}
                {%- endfor -%}
            {%- else -%}
                {{ raise_exception("Unsupported content type.") }}
            {%- endif -%}
            {{ '<end_of_turn>\n' }}
        {%- endfor -%}
        {%- if add_generation_prompt -%}
            {{ '<start_of_turn>model\n' }}
        {%- endif -%}
        """;

    /// <summary>Phi-3 style: one line, role tags, the end-of-text token when no generation prompt follows.</summary>
    public const string Phi3 = """
        {% for message in messages %}{% if message['role'] == 'system' and message['content'] %}{{'<|system|>\n' + message['content'] + '<|end|>\n'}}{% elif message['role'] == 'user' %}{{'<|user|>\n' + message['content'] + '<|end|>\n'}}{% elif message['role'] == 'assistant' %}{{'<|assistant|>\n' + (message['content'] or '') + '<|end|>\n'}}{% endif %}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\n' }}{% else %}{{ eos_token }}{% endif %}
        """;

    /// <summary>Zephyr style: one tag per line, relying on trim_blocks; the newline after each {{ }} stays.</summary>
    public const string Zephyr = """
        {% for message in messages %}
        {% if message['role'] == 'user' %}
        {{ '<|user|>\n' + message['content'] + eos_token }}
        {% elif message['role'] == 'system' %}
        {{ '<|system|>\n' + message['content'] + eos_token }}
        {% elif message['role'] == 'assistant' %}
        {{ '<|assistant|>\n'  + (message['content'] or '') + eos_token }}
        {% endif %}
        {% if loop.last and add_generation_prompt %}
        {{ '<|assistant|>' }}
        {% endif %}
        {% endfor %}
        """;

    /// <summary>A reasoning-model style: earlier thinking cut from assistant turns, tool schemas through recursive macros.</summary>
    public const string Reasoning = """
        {%- macro type_name(schema) -%}
            {%- if schema.type == 'array' -%}
                list[{{ type_name(schema['items']) if schema['items'] is defined else 'any' }}]
            {%- elif schema.type == 'object' -%}
                dict
            {%- elif schema.type is string -%}
                {{ {'string': 'str', 'integer': 'int', 'number': 'float', 'boolean': 'bool'}.get(schema.type, schema.type) }}
            {%- else -%}
                any
            {%- endif -%}
        {%- endmacro -%}
        {%- set ns = namespace(system='', first=true) -%}
        {%- for m in messages if m.role == 'system' -%}
            {%- set ns.system = ns.system + m.content -%}
        {%- endfor -%}
        {{ bos_token }}{{ ns.system }}
        {%- if tools -%}
            {{ '\n\nTools:\n' }}
            {%- for t in tools -%}
                {%- set fn = t.function -%}
                {{ '- ' ~ fn.name ~ '(' }}
                {%- for pname, p in fn.parameters.properties | dictsort -%}
                    {{ pname }}: {{ type_name(p) }}{{ ', ' if not loop.last }}
                {%- endfor -%}
                {{ '): ' ~ fn.description | default('no description') ~ '\n' }}
            {%- endfor -%}
        {%- endif -%}
        {%- for m in messages -%}
            {%- if m.role == 'user' -%}
                {{ '<|User|>' + m.content }}
                {%- set ns.first = false -%}
            {%- elif m.role == 'assistant' -%}
                {%- set content = m.content or '' -%}
                {%- if '</think>' in content -%}
                    {%- set content = content.split('</think>')[-1].lstrip('\n') -%}
                {%- endif -%}
                {{ '<|Assistant|>' + content }}
                {%- for call in m.tool_calls | default([]) -%}
                    {{ '<|tool_call|>' + call.function.name + '\n```json\n' + call.function.arguments | tojson + '\n```' }}
                {%- endfor -%}
                {{ eos_token }}
            {%- elif m.role == 'tool' -%}
                {{ '<|tool_output|>' + m.content | string + '<|/tool_output|>' }}
            {%- endif -%}
        {%- endfor -%}
        {%- if add_generation_prompt and not ns.first -%}
            {{ '<|Assistant|><think>\n' }}
        {%- endif -%}
        """;

    public static IReadOnlyList<(string Name, string Template)> All { get; } =
    [
        ("Llama3", Llama3), ("Llama2", Llama2), ("Mistral", Mistral), ("ChatMl", ChatMl),
        ("Gemma", Gemma), ("Phi3", Phi3), ("Zephyr", Zephyr), ("Reasoning", Reasoning),
    ];
}
