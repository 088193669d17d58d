// C ABI over libtorch for DslNas.Torch.
// Every export catches all C++ exceptions, records the message in a thread-local slot and returns a
// sentinel (nullptr for handles, -1 for status codes); the managed side reads the message with
// DNTorch_take_last_error and frees it with DNTorch_free_string.
#pragma once

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <cstdint>
#include <string>

#define DN_EXPORT extern "C" __attribute__((visibility("default")))

typedef at::Tensor* TensorHandle;

struct DNScalar {
    int32_t kind;  // 0 = floating, 1 = integral, 2 = boolean
    double f;
    int64_t i;
};

namespace dn {

void set_last_error(const char* message);

inline at::Scalar to_scalar(DNScalar s) {
    switch (s.kind) {
        case 1: return at::Scalar(s.i);
        case 2: return at::Scalar(s.i != 0);
        default: return at::Scalar(s.f);
    }
}

inline TensorHandle own(at::Tensor t) { return new at::Tensor(std::move(t)); }

inline at::IntArrayRef dims(const int64_t* data, int64_t length) { return at::IntArrayRef(data, static_cast<size_t>(length)); }

std::vector<at::Tensor> tensors(const TensorHandle* handles, int64_t count);

// Whether a product of a and b runs in bfloat16 on this thread (DNTorch_set_matmul_precision): both are float32 and
// the thread asked for bfloat16 products. Such a product casts its operands to bfloat16 and its result back to
// float32, so that every other operation, the loss and the gradients' accumulation stay in float32.
bool bfloat16_products(const at::Tensor& a, const at::Tensor& b);

inline at::Tensor bf16(const at::Tensor& t) { return t.to(at::kBFloat16); }

// The bfloat16 copy of a float32 weight for a product. While no gradient is recorded (or the weight needs none),
// copies are kept per thread (the 256 most recently used) and reused while the weight's storage, offset, shape,
// strides and version are those it was copied from, so a model run batch after batch casts each weight once;
// otherwise the weight is cast as it stands.
at::Tensor bf16_weight(const at::Tensor& weight);

// input · weightᵀ + bias with the thread's matrix-product precision: float32 operands in bfloat16 under
// bfloat16 products; the result is float32 for float32 operands either way.
at::Tensor linear(const at::Tensor& input, const at::Tensor& weight, const c10::optional<at::Tensor>& bias);

// input · weightᵀ + bias in bfloat16 with a bfloat16 result, the weight and bias through bf16_weight; a float32
// input is cast first.
at::Tensor low_linear(const at::Tensor& input, const at::Tensor& weight, const c10::optional<at::Tensor>& bias);

// a · b with the thread's matrix-product precision, as linear.
at::Tensor matmul(const at::Tensor& a, const at::Tensor& b);

inline c10::optional<at::Tensor> optional(TensorHandle h) {
    if (h == nullptr) return c10::nullopt;
    return *h;
}

}  // namespace dn

#define DN_TRY try {
#define DN_CATCH(sentinel)                                          \
    }                                                               \
    catch (const c10::Error& e) {                                   \
        dn::set_last_error(e.what_without_backtrace());             \
        return sentinel;                                            \
    }                                                               \
    catch (const std::exception& e) {                               \
        dn::set_last_error(e.what());                               \
        return sentinel;                                            \
    }                                                               \
    catch (...) {                                                   \
        dn::set_last_error("unknown native error in libtorch");     \
        return sentinel;                                            \
    }

// Wraps an expression producing an at::Tensor into a fresh owned handle.
#define DN_TENSOR(...) DN_TRY return dn::own(__VA_ARGS__); DN_CATCH(nullptr)
// Runs a statement block; returns 0 on success, -1 on error.
#define DN_STATUS(...) DN_TRY __VA_ARGS__; return 0; DN_CATCH(-1)
