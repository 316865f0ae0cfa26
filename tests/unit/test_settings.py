from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.settings import SLACK_DEFAULT_API_URL, ConfigError, Settings, SlackMode, load_settings
from tests.support.slack_requests import TOKEN_KEY

SECRET = "abcdef0123456789"
BOT = "xoxb-123-456-abc"


def make(**values: object) -> Settings:
    return load_settings(_env_file=None, **values)


@pytest.fixture(autouse=True)
def _no_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_APP_TOKEN",
        "SLACK_CLIENT_ID",
        "SLACK_CLIENT_SECRET",
        "TOKEN_ENCRYPTION_KEY",
        "SLACK_API_URL",
        "DATABASE_URL",
        "PORT",
        "LOG_LEVEL",
        "DATA_DIR",
    ):
        monkeypatch.delenv(name, raising=False)


def test_defaults_use_sqlite_in_the_data_directory_and_slacks_api() -> None:
    settings = make()
    assert settings.database_url == f"sqlite:///{Path('data') / 'async-norms.sqlite3'}"
    assert settings.port == 3000
    assert settings.slack_api_url == SLACK_DEFAULT_API_URL
    assert settings.log_level == "INFO"


def test_missing_credentials_name_every_variable_to_set() -> None:
    with pytest.raises(ConfigError) as raised:
        make().slack_mode()
    message = str(raised.value)
    assert "SLACK_SIGNING_SECRET" in message
    assert "SLACK_BOT_TOKEN" in message
    assert "SLACK_CLIENT_ID" in message


def test_bot_token_and_signing_secret_select_single_workspace_http() -> None:
    assert make(slack_bot_token=BOT, slack_signing_secret=SECRET).slack_mode() is SlackMode.HTTP_SINGLE


def test_client_id_and_secret_select_oauth() -> None:
    settings = make(slack_client_id="111.222", slack_client_secret="s3cr3tvalue", slack_signing_secret=SECRET,
                    token_encryption_key=TOKEN_KEY)  # fmt: skip
    assert settings.slack_mode() is SlackMode.HTTP_OAUTH


def test_a_multi_workspace_install_needs_a_key_to_encrypt_the_tokens_it_stores() -> None:
    missing = make(slack_client_id="111.222", slack_client_secret="s3cr3tvalue", slack_signing_secret=SECRET)
    with pytest.raises(ConfigError, match=r"TOKEN_ENCRYPTION_KEY is not set.*Fernet\.generate_key"):
        missing.slack_mode()
    bad = make(slack_client_id="111.222", slack_client_secret="s3cr3tvalue", slack_signing_secret=SECRET,
               token_encryption_key="not-a-key")  # fmt: skip
    with pytest.raises(ConfigError, match="TOKEN_ENCRYPTION_KEY is not valid"):
        bad.slack_mode()


def test_app_token_selects_socket_mode_without_a_signing_secret() -> None:
    assert make(slack_bot_token=BOT, slack_app_token="xapp-1-abc").slack_mode() is SlackMode.SOCKET


def test_socket_mode_without_a_bot_token_is_refused() -> None:
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN"):
        make(slack_app_token="xapp-1-abc").slack_mode()


def test_bot_token_and_oauth_together_are_refused() -> None:
    settings = make(
        slack_bot_token=BOT,
        slack_client_id="1.2",
        slack_client_secret="s3cr3tvalue",
        slack_signing_secret=SECRET,
    )
    with pytest.raises(ConfigError, match="Both SLACK_BOT_TOKEN"):
        settings.slack_mode()


def test_half_an_oauth_configuration_names_the_missing_half() -> None:
    with pytest.raises(ConfigError, match="SLACK_CLIENT_SECRET"):
        make(slack_client_id="1.2", slack_signing_secret=SECRET).slack_mode()


@pytest.mark.parametrize(
    ("field", "value", "variable"),
    [
        ("port", "not-a-port", "PORT"),
        ("port", 70000, "PORT"),
        ("log_level", "chatty", "LOG_LEVEL"),
        ("slack_bot_token", "xoxp-user-token", "SLACK_BOT_TOKEN"),
        ("slack_app_token", "xoxb-wrong-kind", "SLACK_APP_TOKEN"),
        ("slack_api_url", "slack.com/api", "SLACK_API_URL"),
    ],
)
def test_invalid_values_name_the_variable_without_echoing_it(
    field: str, value: object, variable: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        make(**{field: value})
    assert variable in str(raised.value)
    assert "xoxp-user-token" not in str(raised.value)


def test_blank_values_count_as_unset() -> None:
    settings = make(slack_bot_token="  ", slack_signing_secret="")
    assert settings.slack_bot_token is None
    assert settings.slack_signing_secret is None


def test_api_url_gets_a_trailing_slash_and_oauth_uses_the_same_host() -> None:
    settings = make(slack_api_url="https://slack-gov.com/api")
    assert settings.slack_api_url == "https://slack-gov.com/api/"
    assert settings.oauth_authorize_url == "https://slack-gov.com/oauth/v2/authorize"


def test_lower_case_log_level_is_accepted() -> None:
    assert make(log_level="debug").log_level == "DEBUG"


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(f"SLACK_BOT_TOKEN={BOT}\nPORT=4000\n")
    settings = load_settings(_env_file=env_file)
    assert settings.port == 4000
    assert settings.slack_bot_token is not None
    assert settings.slack_bot_token.get_secret_value() == BOT
