package com.clientele.generate;

import java.util.Arrays;

/**
 * Pending future events (next purchase, refund, complaint, feedback…) in one FIFO list per day, stored
 * in pooled parallel arrays. The generator walks the days in order and drains each day's list, so all
 * files come out in date order with only one delivery open at a time, while memory stays proportional
 * to the customers (about one pending event each), never to the transactions. FIFO order within a day
 * keeps the run deterministic.
 */
final class EventCalendar {
    static final byte PURCHASE = 1;
    static final byte REFUND = 2;
    static final byte COMPLAINT = 3;
    static final byte FEEDBACK = 4;
    static final byte ENQUIRY = 5;
    static final byte CONTACT = 6;
    static final byte SERVICE_TICKET = 7;

    private final int[] head;
    private final int[] tail;
    private int[] next;
    private int[] customer;
    private byte[] type;
    private long[] payload;
    private int used;
    private int free = -1;

    EventCalendar(int days, int initialCapacity) {
        head = new int[days];
        tail = new int[days];
        Arrays.fill(head, -1);
        Arrays.fill(tail, -1);
        int cap = Math.max(16, initialCapacity);
        next = new int[cap];
        customer = new int[cap];
        type = new byte[cap];
        payload = new long[cap];
    }

    /** Schedules an event; events outside the calendar's days are silently beyond the horizon and dropped. */
    void add(int day, int cust, byte kind, long data) {
        if (day < 0 || day >= head.length) {
            return;
        }
        int node;
        if (free >= 0) {
            node = free;
            free = next[node];
        } else {
            if (used == next.length) {
                int cap = next.length + (next.length >> 1);
                next = Arrays.copyOf(next, cap);
                customer = Arrays.copyOf(customer, cap);
                type = Arrays.copyOf(type, cap);
                payload = Arrays.copyOf(payload, cap);
            }
            node = used++;
        }
        next[node] = -1;
        customer[node] = cust;
        type[node] = kind;
        payload[node] = data;
        if (tail[day] < 0) {
            head[day] = node;
        } else {
            next[tail[day]] = node;
        }
        tail[day] = node;
    }

    /** Removes and returns the oldest event of the day, or -1. Read it, then {@link #release} it. */
    int poll(int day) {
        int node = head[day];
        if (node >= 0) {
            head[day] = next[node];
            if (head[day] < 0) {
                tail[day] = -1;
            }
        }
        return node;
    }

    int customer(int node) {
        return customer[node];
    }

    byte type(int node) {
        return type[node];
    }

    long payload(int node) {
        return payload[node];
    }

    void release(int node) {
        next[node] = free;
        free = node;
    }
}
