-- Axon's JDBC event store, token store and saga store on PostgreSQL.
-- Table and column names are Axon's defaults (unquoted, so PostgreSQL folds them to lower case).

-- The global index has its own sequence with CACHE 1: a cached sequence hands each session a block of numbers and
-- leaves wide gaps that tracking processors would have to wait out.
CREATE SEQUENCE domainevententry_globalindex_seq START WITH 1 INCREMENT BY 1 CACHE 1;

CREATE TABLE domainevententry (
    globalindex         BIGINT       NOT NULL DEFAULT nextval('domainevententry_globalindex_seq'),
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    "timestamp"         VARCHAR(255) NOT NULL,
    CONSTRAINT domainevententry_pkey PRIMARY KEY (globalindex),
    CONSTRAINT domainevententry_aggregate_sequence_key UNIQUE (aggregateidentifier, sequencenumber),
    CONSTRAINT domainevententry_eventidentifier_key UNIQUE (eventidentifier)
);
ALTER SEQUENCE domainevententry_globalindex_seq OWNED BY domainevententry.globalindex;

CREATE TABLE snapshotevententry (
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    "timestamp"         VARCHAR(255) NOT NULL,
    CONSTRAINT snapshotevententry_pkey PRIMARY KEY (aggregateidentifier, sequencenumber),
    CONSTRAINT snapshotevententry_eventidentifier_key UNIQUE (eventidentifier)
);

CREATE TABLE tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    "timestamp"   VARCHAR(255),
    owner         VARCHAR(255),
    CONSTRAINT tokenentry_pkey PRIMARY KEY (processorname, segment)
);

CREATE TABLE sagaentry (
    sagaid         VARCHAR(255) NOT NULL,
    revision       VARCHAR(255),
    sagatype       VARCHAR(255),
    serializedsaga BYTEA,
    CONSTRAINT sagaentry_pkey PRIMARY KEY (sagaid)
);

CREATE TABLE associationvalueentry (
    id               BIGSERIAL    NOT NULL,
    associationkey   VARCHAR(255),
    associationvalue VARCHAR(255),
    sagaid           VARCHAR(255),
    sagatype         VARCHAR(255),
    CONSTRAINT associationvalueentry_pkey PRIMARY KEY (id)
);
CREATE INDEX associationvalueentry_lookup_idx ON associationvalueentry (sagatype, associationkey, associationvalue);
CREATE INDEX associationvalueentry_saga_idx ON associationvalueentry (sagaid, sagatype);
