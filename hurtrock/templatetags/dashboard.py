"""`{% admin_dashboard as dashboard %}` on the admin index: the panels the signed-in user may see."""

from django import template

from hurtrock.dashboard import dashboard_for

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_dashboard(context):
    return dashboard_for(context["request"].user)
