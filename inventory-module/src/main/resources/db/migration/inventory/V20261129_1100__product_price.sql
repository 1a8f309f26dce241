-- The price of a SKU, in the minor unit of its currency (ISO 4217 shape). A table of its own rather
-- than columns on inventory.stock: the stock row is the hot row every reservation locks with
-- SELECT ... FOR UPDATE, so changing a price must neither wait for that lock nor hold it, and
-- setting stock must never touch a price. Changing an existing price never touches the stock row;
-- only a SKU's first price checks the reference below, which takes a KEY SHARE lock on that row and
-- so waits, once per SKU, for a reservation holding it (at most lock_timeout, then LOCK_TIMEOUT).
-- A SKU without a row here exists but has no price (the order module refuses to sell it).
CREATE TABLE inventory.product_price (
    sku        varchar(100) PRIMARY KEY REFERENCES inventory.stock (sku),
    price      bigint       NOT NULL CONSTRAINT product_price_not_negative CHECK (price >= 0),
    currency   char(3)      NOT NULL CONSTRAINT product_price_currency_shape CHECK (currency ~ '^[A-Z]{3}$'),
    updated_at timestamptz  NOT NULL DEFAULT now()
);
