from django.test import RequestFactory

from ayni.core.per_request import once_per_request


def test_a_value_is_computed_once_per_request_and_afresh_for_the_next():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    first, second = RequestFactory().get("/"), RequestFactory().get("/")

    assert [once_per_request(first, "app.thing", compute) for _ in range(3)] == [1, 1, 1]
    assert once_per_request(second, "app.thing", compute) == 2
    assert once_per_request(first, "app.other", compute) == 3
    assert len(calls) == 3
