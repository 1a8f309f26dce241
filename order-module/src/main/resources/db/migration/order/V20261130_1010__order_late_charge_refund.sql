-- A charge that landed on an order after it could no longer be paid (EXPIRED or CANCELLED meanwhile)
-- is refunded through the gateway, and the order says so: the payment and whether it is refunded yet.
ALTER TABLE orders."order"
    ADD COLUMN refund_payment_id varchar(36),
    ADD COLUMN refund_status     varchar(16) CHECK (refund_status IN ('PENDING', 'REFUNDED')),
    ADD CONSTRAINT order_refund_names_payment CHECK ((refund_payment_id IS NULL) = (refund_status IS NULL)),
    ADD CONSTRAINT order_refund_only_when_unpayable
        CHECK (refund_payment_id IS NULL OR status IN ('EXPIRED', 'CANCELLED'));
