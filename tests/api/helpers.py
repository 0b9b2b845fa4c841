"""Calling the API in tests: as a token holder (`call(..., token=…)`) or with a logged-in session."""

import json

from jiedao.api.services import apitoken_create


def token_for(user, name: str = "测试程序") -> str:
    return apitoken_create(user=user, name=name)[1]


def call(client, method: str, url: str, body=None, *, token: str | None = None, **headers):
    """One API request; `body` is sent as JSON (a str is sent as it is). Returns the response."""
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = body if isinstance(body, str) or body is None else json.dumps(body)
    kwargs = {"content_type": "application/json"} if data is not None else {}
    return getattr(client, method.lower())(url, data, headers=headers, **kwargs)


def case_body(world, **overrides) -> dict:
    """A valid create request: a 12345 order about garbage in 网格A1."""
    return {
        "source": "hotline",
        "category": "garbage",
        "area": world.grid_a1.code,
        "title": "小区垃圾未及时清运",
        "description": "幸福小区3号楼垃圾桶已满两天",
        "reporter_name": "刘先生",
        "reporter_phone": "13812345678",
        "address": "幸福小区3号楼",
        "received_at": "2024-09-30T10:00:00+08:00",
        **overrides,
    }
