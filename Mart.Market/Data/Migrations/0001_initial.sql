-- Every quote fetched from a provider, kept as a time series per symbol. Prices carry six decimals because
-- providers quote sub-cent prices (penny stocks, crypto); they are market data, not Mart money.
CREATE TABLE quotes (
    symbol         text          NOT NULL,
    quoted_at      timestamptz   NOT NULL,            -- the provider's time for the price
    price          numeric(20,6) NOT NULL,
    open           numeric(20,6) NULL,
    high           numeric(20,6) NULL,
    low            numeric(20,6) NULL,
    previous_close numeric(20,6) NULL,
    change         numeric(20,6) NULL,
    change_percent numeric(12,6) NULL,
    provider       text          NOT NULL,            -- e.g. finnhub, simulated
    fetched_at     timestamptz   NOT NULL,
    -- Also the index for history queries (symbol, time range); refetching the same quote is a conflict, not a copy.
    PRIMARY KEY (symbol, quoted_at),
    CONSTRAINT quotes_symbol_not_blank CHECK (btrim(symbol) <> ''),
    CONSTRAINT quotes_price_not_negative CHECK (price >= 0)
);
