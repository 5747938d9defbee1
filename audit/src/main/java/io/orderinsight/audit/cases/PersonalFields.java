package io.orderinsight.audit.cases;

/** Where stored event payloads hold personal data: sealed, beside the customer whose key seals it. */
public final class PersonalFields {

    /** The payload field with the sealed personal data ({@code OrderPlacedEvent}). */
    public static final String SEALED = "sealedPersonalData";

    public static final String CUSTOMER_ID = "customerId";

    /** What a case shows instead of the sealed field. */
    public static final String SHOWN = "personalData";

    private PersonalFields() {}
}
