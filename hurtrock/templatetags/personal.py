"""`{% personal "template.html" %}` and `{% personal_switch "name" arg %}…{% endpersonal_switch %}`:
the parts of a page that belong to the visitor (see `hurtrock/personal.py`)."""

from django import template
from django.utils.safestring import mark_safe

from hurtrock import personal

register = template.Library()


def personal_hole(context, template_name: str):
    """Like `{% include %}` of a template that needs only the request's context processors."""
    html = context.template.engine.get_template(template_name).render(context)
    if personal.recording(context.get("request")):
        return mark_safe(personal.wrap(f"t:{template_name}", html))  # noqa: S308 - rendered template
    return mark_safe(html)  # noqa: S308 - rendered template


class SwitchNode(template.Node):
    def __init__(self, name: str, arg, nodelist):
        self.name, self.arg, self.nodelist = name, arg, nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        request = context.get("request")
        if not personal.recording(request):
            return html
        arg = str(self.arg.resolve(context))
        switch = personal.SWITCHES[self.name]
        states = []
        for on in (False, True):
            with context.push(**switch.override(on, arg)):
                states.append(self.nodelist.render(context))
        piece_id = f"s:{self.name}:{arg}"
        personal.record_switch(request, piece_id, *states)
        return personal.wrap(piece_id, html)


@register.tag("personal_switch")
def personal_switch(parser, token):
    """`{% personal_switch "wishlist" product.pk %}…{% endpersonal_switch %}`: two-state visitor piece."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError('usage: {% personal_switch "name" arg %}')
    nodelist = parser.parse(("endpersonal_switch",))
    parser.delete_first_token()
    return SwitchNode(bits[1][1:-1], parser.compile_filter(bits[2]), nodelist)


register.simple_tag(personal_hole, takes_context=True, name="personal")
