// The process-group exports of a shim built against a libtorch without Gloo's headers (a pip-installed torch ships
// none): every call fails with an error that says why, so the rest of the shim still builds and runs.
#include "shim.h"

#include <cstdlib>

namespace {

const char* const unavailable =
    "init_process_group: this DslNas.Torch shim was built without c10d's Gloo process group, because its libtorch "
    "ships no Gloo headers (gloo/context.h); rebuild it against a libtorch that has them (Debian's libtorch-dev with "
    "libgloo-dev, or an official libtorch distribution) to train on several ranks";

int32_t fail() {
    dn::set_last_error(unavailable);
    return -1;
}

}  // namespace

typedef void* ProcessGroupHandle;

DN_EXPORT ProcessGroupHandle DNDist_init(const char*, int32_t, int32_t, int32_t, int64_t) {
    dn::set_last_error(unavailable);
    return nullptr;
}
DN_EXPORT void DNDist_dispose(ProcessGroupHandle) {}
DN_EXPORT int32_t DNDist_allreduce_(ProcessGroupHandle, const TensorHandle*, int64_t, int32_t) { return fail(); }
DN_EXPORT int32_t DNDist_allreduce_flat_(ProcessGroupHandle, const TensorHandle*, int64_t, double) { return fail(); }
DN_EXPORT int32_t DNDist_broadcast_(ProcessGroupHandle, const TensorHandle*, int64_t, int32_t) { return fail(); }
DN_EXPORT int32_t DNDist_barrier(ProcessGroupHandle) { return fail(); }
DN_EXPORT TensorHandle DNDist_allgather(ProcessGroupHandle, TensorHandle) {
    dn::set_last_error(unavailable);
    return nullptr;
}
DN_EXPORT int32_t DNDist_store_set(ProcessGroupHandle, const char*, const uint8_t*, int64_t) { return fail(); }
DN_EXPORT int64_t DNDist_store_get(ProcessGroupHandle, const char*, uint8_t**) { return fail(); }
DN_EXPORT void DNDist_free_bytes(uint8_t* value) { std::free(value); }
DN_EXPORT int32_t DNDist_store_wait(ProcessGroupHandle, const char*, int64_t) { return fail(); }
