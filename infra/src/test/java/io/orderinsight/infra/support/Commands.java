package io.orderinsight.infra.support;

/** JSON bodies of the commands, with the fields the tests vary. */
public final class Commands {

    private Commands() {}

    public static String placeOrder(String orderId, String customerId, String currency, long unitPrice, int quantity) {
        return """
                {"orderId":"%s","customerId":"%s","sellerId":"seller-1","currency":"%s","channel":"LIVE",
                 "shippingCountry":"DE","items":[{"sku":"sku-1","category":"toys","quantity":%d,"unitPrice":%d}],
                 "customer":{"email":"%s@example.com","name":"Customer %s"},
                 "shippingAddress":{"line1":"Main Street 1","city":"Berlin","postalCode":"10115"}}
                """.formatted(orderId, customerId, currency, quantity, unitPrice, customerId, customerId);
    }

    public static String recordPayment(String paymentId, String orderId, long amount, String currency, String outcome) {
        return """
                {"paymentId":"%s","orderId":"%s","amount":%d,"currency":"%s","method":"CARD","outcome":"%s",
                 "cardFingerprint":"fp-1","ipCountry":"DE","billingCountry":"DE"}
                """.formatted(paymentId, orderId, amount, currency, outcome);
    }

    public static String amount(long amount) {
        return "{\"amount\":" + amount + "}";
    }

    public static String requestRefund(String refundId, String orderId, String paymentId, long amount) {
        return """
                {"refundId":"%s","orderId":"%s","paymentId":"%s","amount":%d,"reason":"damaged"}
                """.formatted(refundId, orderId, paymentId, amount);
    }

    public static String openDispute(String disputeId, long amount) {
        return """
                {"disputeId":"%s","amount":%d,"reason":"fraudulent"}
                """.formatted(disputeId, amount);
    }
}
