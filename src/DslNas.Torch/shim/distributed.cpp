// c10d process groups over a TCPStore rendezvous: Gloo on CPU. One handle holds the store and the group, so
// the managed side disposes them together. Collectives block until done or until the group's timeout; a c10d
// or Gloo failure (a peer that closed its connection, a timeout) is recorded with the operation's name.
#include "shim.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace {

struct DNProcessGroup {
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
    std::chrono::milliseconds timeout;
};

// Runs a collective, keeping any error c10d or Gloo raises for the binding, which names the operation.
template <typename Body>
int32_t collective(Body body) {
    try {
        body();
        return 0;
    } catch (const c10::Error& e) {
        dn::set_last_error(e.what_without_backtrace());
    } catch (const std::exception& e) {
        dn::set_last_error(e.what());
    } catch (...) {
        dn::set_last_error("unknown error in c10d");
    }
    return -1;
}

void wait(const c10::intrusive_ptr<c10d::Work>& work, const DNProcessGroup* pg) { work->wait(pg->timeout); }

// The interface Gloo's connections use, as torch.distributed picks it: GLOO_SOCKET_IFNAME when set; the loopback
// when the rendezvous is local (every rank on this machine); otherwise the address this machine's host name resolves
// to (each rank its own, not the master's).
std::shared_ptr<::gloo::transport::Device> device(const std::string& master) {
    if (const char* name = std::getenv("GLOO_SOCKET_IFNAME"); name != nullptr && *name != '\0')
        return c10d::ProcessGroupGloo::createDeviceForInterface(name);
    if (master == "localhost" || master == "::1" || master.rfind("127.", 0) == 0)
        return c10d::ProcessGroupGloo::createDeviceForHostname(master);
    return c10d::ProcessGroupGloo::createDefaultDevice();
}

}  // namespace

typedef DNProcessGroup* ProcessGroupHandle;

// Rendezvous through a TCPStore that rank 0 serves at host:port, then a Gloo group over the interface device()
// picks. Every step waits at most timeout_ms for the other ranks.
DN_EXPORT ProcessGroupHandle DNDist_init(const char* host, int32_t port, int32_t rank, int32_t world_size, int64_t timeout_ms) {
    DNProcessGroup* result = nullptr;
    auto status = collective([&] {
        if (world_size < 1) throw std::invalid_argument("the world size must be at least 1, got " + std::to_string(world_size));
        if (rank < 0 || rank >= world_size)
            throw std::invalid_argument("rank " + std::to_string(rank) + " is outside the world of " + std::to_string(world_size) + " ranks (0.." +
                                        std::to_string(world_size - 1) + ")");
        if (port < 1 || port > 65535) throw std::invalid_argument("the port must lie in 1..65535, got " + std::to_string(port));
        auto timeout = std::chrono::milliseconds(timeout_ms);
        c10d::TCPStoreOptions options;
        options.port = static_cast<std::uint16_t>(port);
        options.isServer = rank == 0;
        options.numWorkers = static_cast<std::size_t>(world_size);
        options.waitWorkers = true;
        options.timeout = timeout;
        c10::intrusive_ptr<c10d::Store> store;
        try {
            store = c10::make_intrusive<c10d::TCPStore>(std::string(host), options);
        } catch (const std::exception& e) {
            throw std::runtime_error(std::string("the rendezvous at ") + host + ":" + std::to_string(port) + " failed (" +
                                     (rank == 0 ? "rank 0 serves it: is the port in use?" : "is rank 0 running there?") + "): " + e.what());
        }
        auto glooOptions = c10d::ProcessGroupGloo::Options::create(timeout);
        glooOptions->devices.push_back(device(host));
        glooOptions->threads = 1;
        auto prefixed = c10::make_intrusive<c10d::PrefixStore>("gloo", store);
        auto group = c10::make_intrusive<c10d::ProcessGroupGloo>(prefixed, rank, world_size, glooOptions);
        result = new DNProcessGroup{store, group, timeout};
    });
    return status == 0 ? result : nullptr;
}

DN_EXPORT void DNDist_dispose(ProcessGroupHandle pg) { delete pg; }

// Runs a collective on one flat buffer holding all the tensors (Gloo wants one tensor, or several of one shape),
// then copies the results back into them.
template <typename Body>
void flat(const TensorHandle* tensors, int64_t count, Body body) {
    c10::NoGradGuard guard;
    if (count == 1 && tensors[0]->is_contiguous()) {
        body(*tensors[0]);
        return;
    }
    std::vector<at::Tensor> parts;
    parts.reserve(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) parts.push_back(tensors[i]->reshape({-1}));
    auto buffer = at::cat(parts);
    body(buffer);
    int64_t offset = 0;
    for (int64_t i = 0; i < count; ++i) {
        auto n = tensors[i]->numel();
        tensors[i]->copy_(buffer.narrow(0, offset, n).view_as(*tensors[i]));
        offset += n;
    }
}

// op: 0 = sum, 1 = max, 2 = min. The tensors (of one type) are reduced in place, in one collective.
DN_EXPORT int32_t DNDist_allreduce_(ProcessGroupHandle pg, const TensorHandle* tensors, int64_t count, int32_t op) {
    return collective([&] {
        c10d::AllreduceOptions options;
        options.reduceOp = op == 1 ? c10d::ReduceOp::MAX : op == 2 ? c10d::ReduceOp::MIN : c10d::ReduceOp::SUM;
        flat(tensors, count, [&](at::Tensor& buffer) {
            std::vector<at::Tensor> list{buffer};
            wait(pg->group->allreduce(list, options), pg);
        });
    });
}

// Sums the tensors across ranks through one flat buffer (a bucket: one collective for many small gradients) and
// divides the sums by divisor.
DN_EXPORT int32_t DNDist_allreduce_flat_(ProcessGroupHandle pg, const TensorHandle* tensors, int64_t count, double divisor) {
    return collective([&] {
        flat(tensors, count, [&](at::Tensor& buffer) {
            std::vector<at::Tensor> list{buffer};
            wait(pg->group->allreduce(list), pg);
            if (divisor != 1.0) buffer.div_(divisor);
        });
    });
}

// Overwrites the tensors (of one type) with root's, in one collective.
DN_EXPORT int32_t DNDist_broadcast_(ProcessGroupHandle pg, const TensorHandle* tensors, int64_t count, int32_t root) {
    return collective([&] {
        c10d::BroadcastOptions options;
        options.rootRank = root;
        flat(tensors, count, [&](at::Tensor& buffer) {
            std::vector<at::Tensor> list{buffer};
            wait(pg->group->broadcast(list, options), pg);
        });
    });
}

DN_EXPORT int32_t DNDist_barrier(ProcessGroupHandle pg) {
    return collective([&] { wait(pg->group->barrier(), pg); });
}

// Gathers one tensor of the same shape from every rank; returns them stacked along a new first dimension.
DN_EXPORT TensorHandle DNDist_allgather(ProcessGroupHandle pg, TensorHandle input) {
    TensorHandle result = nullptr;
    collective([&] {
        std::vector<at::Tensor> inputs{*input};
        std::vector<std::vector<at::Tensor>> outputs(1);
        for (int i = 0; i < pg->group->getSize(); ++i) outputs[0].push_back(at::empty_like(*input));
        wait(pg->group->allgather(outputs, inputs), pg);
        result = dn::own(at::stack(outputs[0]));
    });
    return result;
}

DN_EXPORT int32_t DNDist_store_set(ProcessGroupHandle pg, const char* key, const uint8_t* value, int64_t length) {
    return collective([&] { pg->store->set(std::string("dslnas/") + key, std::vector<uint8_t>(value, value + length)); });
}

// Waits for the key (at most the group's timeout) and copies its value into a buffer the caller frees with
// DNDist_free_bytes; returns the length, or -1 on error.
DN_EXPORT int64_t DNDist_store_get(ProcessGroupHandle pg, const char* key, uint8_t** value) {
    int64_t length = -1;
    collective([&] {
        auto bytes = pg->store->get(std::string("dslnas/") + key);
        auto* buffer = static_cast<uint8_t*>(std::malloc(bytes.empty() ? 1 : bytes.size()));
        if (buffer == nullptr) throw std::bad_alloc();
        std::copy(bytes.begin(), bytes.end(), buffer);
        *value = buffer;
        length = static_cast<int64_t>(bytes.size());
    });
    return length;
}

DN_EXPORT void DNDist_free_bytes(uint8_t* value) { std::free(value); }

// Waits for a key for up to timeout_ms (which may exceed the group's timeout: a rank waiting for rank 0's own long
// work); fails at once when the store's server, rank 0, has gone.
DN_EXPORT int32_t DNDist_store_wait(ProcessGroupHandle pg, const char* key, int64_t timeout_ms) {
    return collective([&] { pg->store->wait({std::string("dslnas/") + key}, std::chrono::milliseconds(timeout_ms)); });
}
