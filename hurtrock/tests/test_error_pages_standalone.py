"""The 500 page renders when what broke is the database or the store profile (no DB access here:
pytest-django refuses any query in a test without the django_db mark)."""

from django.test import RequestFactory

from hurtrock.errors import server_error


def test_the_500_page_renders_without_the_database_or_context_processors():
    response = server_error(RequestFactory().get("/products/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "500" in body and 'href="/"' in body


def test_the_500_answer_is_json_for_the_api():
    response = server_error(RequestFactory().get("/api/products/1/"))
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
