package io.orderinsight.domain.customer;

/**
 * A customer's personal data as sent with an order. It never reaches the event store in plain text: events carry it
 * sealed with the customer's own key.
 */
public record PersonalData(String email, String name, String line1, String city, String postalCode) {

    public boolean isEmpty() {
        return email == null && name == null && line1 == null && city == null && postalCode == null;
    }
}
