// The precision of float32 matrix products: exact float32, or bfloat16 operands with float32 results.
#include "shim.h"

namespace {
thread_local int32_t matmul_precision = 0;  // 0 = float32, 1 = bfloat16
}

namespace dn {

bool bfloat16_products(const at::Tensor& a, const at::Tensor& b) {
    return matmul_precision == 1 && a.scalar_type() == at::kFloat && b.scalar_type() == at::kFloat;
}

}  // namespace dn

DN_EXPORT int32_t DNTorch_get_matmul_precision() { return matmul_precision; }

DN_EXPORT int32_t DNTorch_set_matmul_precision(int32_t precision) {
    if (precision != 0 && precision != 1) {
        dn::set_last_error("the matrix-product precision must be 0 (float32) or 1 (bfloat16)");
        return -1;
    }
    matmul_precision = precision;
    return 0;
}
