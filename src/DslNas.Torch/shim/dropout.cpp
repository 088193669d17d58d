// Dropout with a counter-based random mask, generated in parallel.
// libtorch 1.13's CPU dropout draws its mask with a serial bernoulli_ (about 12 ns per element here); hashing
// (seed, element index) with SplitMix64's finalizer is parallel, independent of the thread count, and
// reproducible under manual_seed because the seed comes from the default generator.
#include "shim.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Dispatch.h>
#include <ATen/Parallel.h>
#include <mutex>

namespace {

inline uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t draw_seed() {
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    return at::check_generator<at::CPUGeneratorImpl>(generator)->random64();
}

// A mask holding 0 (dropped) or 1/(1-p) (kept), with P(dropped) = p up to 2^-32.
at::Tensor dropout_mask(const at::Tensor& like, double p) {
    auto mask = at::empty(like.sizes(), like.options().requires_grad(false));
    const uint64_t seed = draw_seed();
    const uint64_t threshold = static_cast<uint64_t>(p * 4294967296.0);
    AT_DISPATCH_FLOATING_TYPES(mask.scalar_type(), "dropout_mask", [&] {
        const auto scale = static_cast<scalar_t>(1.0 / (1.0 - p));
        auto* out = mask.data_ptr<scalar_t>();
        at::parallel_for(0, mask.numel(), 16384, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i) {
                const uint64_t bits = mix(seed + static_cast<uint64_t>(i + 1) * 0x9E3779B97F4A7C15ULL) >> 32;
                out[i] = bits >= threshold ? scale : scalar_t(0);
            }
        });
    });
    return mask;
}

}  // namespace

DN_EXPORT TensorHandle DNNN_dropout(TensorHandle input, double p, int32_t train) {
    DN_TRY
    TORCH_CHECK(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got ", p);
    if (!train || p == 0 || input->numel() == 0) return dn::own(*input);
    if (p == 1) return dn::own(input->mul(0));
    TORCH_CHECK(at::isFloatingType(input->scalar_type()), "dropout needs a floating-point tensor, got ", input->scalar_type());
    return dn::own(input->mul(dropout_mask(*input, p)));
    DN_CATCH(nullptr)
}
