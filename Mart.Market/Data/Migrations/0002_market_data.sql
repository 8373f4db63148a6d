-- Everything else Market fetches. Rows carry the provider they came from, so simulated data never stands in
-- for real data (or the reverse) when the cache falls back to the database.

-- One row per company, replaced when the provider's profile changes.
CREATE TABLE company_profiles (
    symbol                text          PRIMARY KEY,
    name                  text          NOT NULL,
    country               text          NULL,
    currency              text          NULL,
    exchange              text          NULL,
    industry              text          NULL,
    ipo                   date          NULL,
    market_capitalization numeric(24,6) NULL,     -- millions of the listing currency, as the provider reports it
    shares_outstanding    numeric(24,6) NULL,     -- millions
    logo_url              text          NULL,
    phone                 text          NULL,
    web_url               text          NULL,
    provider              text          NOT NULL,
    fetched_at            timestamptz   NOT NULL,  -- last time the provider was asked
    changed_at            timestamptz   NOT NULL,  -- last time the answer differed
    CONSTRAINT company_profiles_symbol_not_blank CHECK (btrim(symbol) <> '')
);

-- Articles, deduplicated by the provider's id; news_symbols says which companies' news each appeared in.
CREATE TABLE news_articles (
    provider     text        NOT NULL,
    id           bigint      NOT NULL,
    category     text        NOT NULL,
    published_at timestamptz NOT NULL,
    headline     text        NOT NULL,
    summary      text        NOT NULL,
    source       text        NOT NULL,
    url          text        NOT NULL,
    image_url    text        NULL,
    related      text        NOT NULL,
    fetched_at   timestamptz NOT NULL,
    PRIMARY KEY (provider, id)
);

CREATE TABLE news_symbols (
    provider text   NOT NULL,
    news_id  bigint NOT NULL,
    symbol   text   NOT NULL,
    PRIMARY KEY (provider, symbol, news_id),
    FOREIGN KEY (provider, news_id) REFERENCES news_articles (provider, id) ON DELETE CASCADE
);

CREATE INDEX news_articles_published_at ON news_articles (published_at);

-- Every rates table fetched, as a time series per base currency.
CREATE TABLE forex_snapshots (
    provider   text        NOT NULL,
    base       text        NOT NULL,
    quoted_at  timestamptz NOT NULL,
    rates      jsonb       NOT NULL,              -- {"EUR": 0.92, ...}: units of the quote currency per unit of base
    PRIMARY KEY (provider, base, quoted_at),
    CONSTRAINT forex_snapshots_base_is_iso CHECK (base ~ '^[A-Z]{3}$')
);

-- Crypto candles; the latest candle of a series changes while it forms, so rows are updated in place.
CREATE TABLE crypto_candles (
    provider   text          NOT NULL,
    symbol     text          NOT NULL,
    resolution text          NOT NULL,
    opened_at  timestamptz   NOT NULL,
    open       numeric(30,10) NOT NULL,
    high       numeric(30,10) NOT NULL,
    low        numeric(30,10) NOT NULL,
    close      numeric(30,10) NOT NULL,
    volume     numeric(38,10) NOT NULL,
    fetched_at timestamptz   NOT NULL,
    PRIMARY KEY (provider, symbol, resolution, opened_at),
    CONSTRAINT crypto_candles_resolution CHECK (resolution IN ('1', '5', '15', '30', '60', 'D', 'W', 'M'))
);

-- The stale fallback asks for the latest quote of a symbol from one provider.
CREATE INDEX quotes_symbol_provider_quoted_at ON quotes (symbol, provider, quoted_at DESC);
