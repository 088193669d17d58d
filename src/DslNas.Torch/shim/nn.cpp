// Neural-network functionals and losses.
#include "shim.h"

DN_EXPORT TensorHandle DNNN_linear(TensorHandle input, TensorHandle weight, TensorHandle bias) {
    DN_TENSOR(dn::linear(*input, *weight, dn::optional(bias)))
}

DN_EXPORT TensorHandle DNNN_conv1d(TensorHandle input, TensorHandle weight, TensorHandle bias, int64_t stride, int64_t padding, int64_t dilation, int64_t groups) {
    DN_TENSOR(at::conv1d(*input, *weight, dn::optional(bias), stride, padding, dilation, groups))
}

DN_EXPORT TensorHandle DNNN_embedding(TensorHandle weight, TensorHandle indices, int64_t padding_idx) {
    DN_TENSOR(at::embedding(*weight, *indices, padding_idx))
}

DN_EXPORT TensorHandle DNNN_softmax(TensorHandle t, int64_t dim) { DN_TENSOR(at::softmax(*t, dim)) }

DN_EXPORT TensorHandle DNNN_log_softmax(TensorHandle t, int64_t dim) { DN_TENSOR(at::log_softmax(*t, dim)) }

DN_EXPORT TensorHandle DNNN_layer_norm(TensorHandle input, const int64_t* shape, int64_t ndim, TensorHandle weight, TensorHandle bias, double eps) {
    DN_TENSOR(at::layer_norm(*input, dn::dims(shape, ndim), dn::optional(weight), dn::optional(bias), eps))
}


DN_EXPORT TensorHandle DNNN_cross_entropy(TensorHandle input, TensorHandle target, TensorHandle weight, int64_t reduction, int64_t ignore_index, double label_smoothing) {
    DN_TENSOR(at::cross_entropy_loss(*input, *target, dn::optional(weight), reduction, ignore_index, label_smoothing))
}

DN_EXPORT TensorHandle DNNN_kl_div(TensorHandle input, TensorHandle target, int64_t reduction, int32_t log_target) {
    DN_TENSOR(at::kl_div(*input, *target, reduction, log_target != 0))
}

DN_EXPORT TensorHandle DNNN_mse_loss(TensorHandle input, TensorHandle target, int64_t reduction) {
    DN_TENSOR(at::mse_loss(*input, *target, reduction))
}
