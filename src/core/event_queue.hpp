// The engine's kernel data structures (src/core/engine.cpp uses them; nothing else does):
//
// [SECTION] events      — Event, and EventHeap: a binary min-heap on (time, sequence)
// [SECTION] queues      — QueueEntry, and Fifo: a department's queue as a growing ring buffer
// [SECTION] draw batches — DrawBatch: draws of one numbered stream made 16 at a time
//
// Plain value types with no knowledge of the model: the events' meaning, the citizens
// and departments are the engine's.
#pragma once
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "calendar.hpp"

namespace peizou::kernel {

// ---------------------------------------------------------------- [SECTION] events
enum EventType : std::uint8_t {
    ev_citizen_arrival, ev_background_arrival, ev_service_done, ev_citizen_wake,
    ev_review_done, ev_day_close, ev_reopen,
};
struct Event {
    Seconds time;
    std::uint64_t seq;
    EventType type;
    std::int32_t a, b;
    std::uint32_t c;
};

// A binary min-heap on (time, seq). The event being dispatched stays at the top (`taken`)
// until its dispatch pushes a successor into the same heap, which replaces it with a single
// sift-down: most events schedule one more, so a pop and a push cost one pass.
struct EventHeap {
    std::vector<Event> v;
    bool taken = false;  // v.front() is the event being dispatched

    static bool earlier(const Event& x, const Event& y) {  // no branch: heap order is a coin toss
        return (x.time < y.time) | ((x.time == y.time) & (x.seq < y.seq));
    }
    bool empty() const { return v.empty(); }
    const Event& top() const { return v.front(); }
    void push(const Event& e) {
        if (taken) {
            taken = false;
            sift_down(0, e);
            return;
        }
        v.push_back(e);
        sift_up(v.size() - 1, e);
    }
    // Removes the dispatched event if its dispatch pushed nothing in its place.
    void drop_taken() {
        if (!taken) return;
        taken = false;
        const Event last = v.back();
        v.pop_back();
        if (!v.empty()) sift_down(0, last);
    }
    // Both sifts move a hole from i to where e belongs and put e there. e is the caller's
    // value, not read back from h[i]: just written field by field (1, 4 and 8 bytes), that
    // slot read back as 8-byte words defeats the processor's store-to-load forwarding — in
    // wasm it was the engine's costliest stall (a quarter of push()'s samples).
    [[gnu::always_inline]] void sift_down(std::size_t i, const Event e) {
        Event* h = v.data();
        const std::size_t n = v.size();
        for (;;) {
            std::size_t child = 2 * i + 1;
            if (child >= n) break;
            if (child + 1 < n) child += earlier(h[child + 1], h[child]);
            if (!earlier(h[child], e)) break;
            h[i] = h[child];
            i = child;
        }
        h[i] = e;
    }
    [[gnu::always_inline]] void sift_up(std::size_t i, const Event e) {
        Event* h = v.data();
        while (i > 0) {
            const std::size_t parent = (i - 1) / 2;
            if (!earlier(e, h[parent])) break;
            h[i] = h[parent];
            i = parent;
        }
        h[i] = e;
    }
};

// ---------------------------------------------------------------- [SECTION] queues
struct QueueEntry {
    std::int32_t who;  // citizen slot, or -1 for a background citizen
    // Citizen: its generation. Background: its own number in the department's stream,
    // which keys its service draw — not the ticket, which process citizens also take,
    // so a variant sending more or fewer of them here leaves background luck unchanged.
    // (32 bits: the work budget, EngineOptions::max_work, ends a run long before 4 G, and
    // each replication numbers its background anew.)
    std::uint32_t gen;
    Seconds joined;
    std::int32_t ticket;
    Seconds service;  // background: drawn on joining (see arrive_hall); citizen: unused
};

// A department's queue: a ring buffer that only grows. (std::deque costs more per push
// and pop, and allocates a block per 512 bytes as the queue moves along.)
class Fifo {
public:
    bool empty() const { return count_ == 0; }
    std::size_t size() const { return count_; }
    const QueueEntry& operator[](std::size_t i) const { return ring_[(head_ + i) & (ring_.size() - 1)]; }
    const QueueEntry& front() const { return ring_[head_]; }
    void push_back(const QueueEntry& e) {
        if (count_ == ring_.size()) grow();
        ring_[(head_ + count_) & (ring_.size() - 1)] = e;
        ++count_;
    }
    void pop_front() {
        head_ = (head_ + 1) & (ring_.size() - 1);
        --count_;
    }
    void clear() { head_ = count_ = 0; }
    void swap(Fifo& o) noexcept {
        ring_.swap(o.ring_);
        std::swap(head_, o.head_);
        std::swap(count_, o.count_);
    }

private:
    void grow() {  // capacity stays a power of two
        std::vector<QueueEntry> bigger(std::max<std::size_t>(16, 2 * ring_.size()));
        for (std::size_t i = 0; i < count_; ++i) bigger[i] = (*this)[i];
        ring_.swap(bigger);
        head_ = 0;
    }
    std::vector<QueueEntry> ring_;
    std::size_t head_ = 0, count_ = 0;
};

// ---------------------------------------------------------------- [SECTION] draw batches
// Draws number from … from + count − 1 of one numbered stream (the process citizens' arrival
// gaps, a department's background citizens, first visits to a step), made together: their
// chains of arithmetic are independent and overlap, where draws made one at a time, just
// when needed, each stall what needs them. The values are the same either way.
struct DrawBatch {
    static constexpr std::uint64_t kSize = 16;
    std::uint64_t from = 0, count = 0;  // none drawn yet
    Seconds value[kSize] = {};
    bool has(std::uint64_t n) const { return n - from < count; }
    Seconds at(std::uint64_t n) const { return value[n - from]; }
    // Draws `first` onwards, at most `left` of them.
    template <class Draw> void fill(std::uint64_t first, std::uint64_t left, Draw draw) {
        from = first;
        count = std::min(kSize, left);
        for (std::uint64_t k = 0; k < count; ++k) value[k] = draw(first + k);
    }
};

}  // namespace peizou::kernel
