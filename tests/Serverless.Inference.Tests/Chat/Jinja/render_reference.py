"""Renders template test cases with jinja2 set up exactly as Hugging Face transformers' apply_chat_template does.

Reads a JSON list of {"name", "template", "context", "now"} from stdin and writes a JSON object mapping each
name to {"output": text} or {"error": type name, "message": str(exception)} to stdout.
"""

import json
import sys
from datetime import datetime

import jinja2
import jinja2.ext
import jinja2.nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment


class AssistantTracker(jinja2.ext.Extension):
    """transformers' {% generation %} block, without the index tracking: the body renders as is."""

    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return jinja2.nodes.CallBlock(self.call_method("_generation_support"), [], [], body).set_lineno(lineno)

    @jinja2.pass_eval_context
    def _generation_support(self, context, caller):
        return caller()


def make_environment(now):
    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def strftime_now(format):
        return now.strftime(format)

    environment = ImmutableSandboxedEnvironment(
        trim_blocks=True, lstrip_blocks=True, extensions=[AssistantTracker, jinja2.ext.loopcontrols]
    )
    environment.filters["tojson"] = tojson
    environment.globals["raise_exception"] = raise_exception
    environment.globals["strftime_now"] = strftime_now
    return environment


def main():
    results = {}
    for case in json.load(sys.stdin):
        environment = make_environment(datetime.fromisoformat(case["now"]))
        try:
            output = environment.from_string(case["template"]).render(**case["context"])
            results[case["name"]] = {"output": output}
        except Exception as error:  # every failure is an expected result to compare with
            results[case["name"]] = {"error": type(error).__name__, "message": str(error)}
    json.dump(results, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main()
