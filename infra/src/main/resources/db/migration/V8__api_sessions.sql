-- Dashboard sign-ins: a key exchanged for a session cookie. Only the SHA-256 of the session id is stored.
create table api_session (
    session_hash bytea primary key,
    caller       text        not null,
    roles        text        not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null
);

create index api_session_expires_at on api_session (expires_at);
