// Views, reshaping, indexing and joining.
#include "shim.h"

DN_EXPORT TensorHandle DNTensor_view(TensorHandle t, const int64_t* shape, int64_t ndim) { DN_TENSOR(t->view(dn::dims(shape, ndim))) }

DN_EXPORT TensorHandle DNTensor_reshape(TensorHandle t, const int64_t* shape, int64_t ndim) { DN_TENSOR(t->reshape(dn::dims(shape, ndim))) }

DN_EXPORT TensorHandle DNTensor_permute(TensorHandle t, const int64_t* order, int64_t ndim) { DN_TENSOR(t->permute(dn::dims(order, ndim))) }

DN_EXPORT TensorHandle DNTensor_transpose(TensorHandle t, int64_t dim0, int64_t dim1) { DN_TENSOR(t->transpose(dim0, dim1)) }

DN_EXPORT TensorHandle DNTensor_contiguous(TensorHandle t) { DN_TENSOR(t->contiguous()) }

DN_EXPORT TensorHandle DNTensor_expand(TensorHandle t, const int64_t* shape, int64_t ndim) { DN_TENSOR(t->expand(dn::dims(shape, ndim))) }

DN_EXPORT TensorHandle DNTensor_unsqueeze(TensorHandle t, int64_t dim) { DN_TENSOR(t->unsqueeze(dim)) }

DN_EXPORT TensorHandle DNTensor_squeeze(TensorHandle t, int64_t dim) { DN_TENSOR(t->squeeze(dim)) }

DN_EXPORT TensorHandle DNTensor_squeeze_all(TensorHandle t) { DN_TENSOR(t->squeeze()) }

DN_EXPORT TensorHandle DNTensor_flatten(TensorHandle t, int64_t start, int64_t end) { DN_TENSOR(t->flatten(start, end)) }

DN_EXPORT TensorHandle DNTensor_narrow(TensorHandle t, int64_t dim, int64_t start, int64_t length) { DN_TENSOR(t->narrow(dim, start, length)) }

DN_EXPORT TensorHandle DNTensor_slice(TensorHandle t, int64_t dim, int64_t start, int64_t end, int64_t step) {
    DN_TENSOR(t->slice(dim, start, end, step))
}

DN_EXPORT TensorHandle DNTensor_select(TensorHandle t, int64_t dim, int64_t index) { DN_TENSOR(t->select(dim, index)) }

DN_EXPORT TensorHandle DNTensor_index_select(TensorHandle t, int64_t dim, TensorHandle index) { DN_TENSOR(t->index_select(dim, *index)) }

DN_EXPORT TensorHandle DNTensor_gather(TensorHandle t, int64_t dim, TensorHandle index) { DN_TENSOR(t->gather(dim, *index)) }

DN_EXPORT TensorHandle DNTensor_scatter(TensorHandle t, int64_t dim, TensorHandle index, TensorHandle source) {
    DN_TENSOR(t->scatter(dim, *index, *source))
}

DN_EXPORT TensorHandle DNTensor_masked_fill(TensorHandle t, TensorHandle mask, DNScalar value) {
    DN_TENSOR(t->masked_fill(*mask, dn::to_scalar(value)))
}

DN_EXPORT TensorHandle DNTensor_where(TensorHandle condition, TensorHandle a, TensorHandle b) { DN_TENSOR(at::where(*condition, *a, *b)) }

DN_EXPORT TensorHandle DNTensor_cat(const TensorHandle* tensors, int64_t count, int64_t dim) { DN_TENSOR(at::cat(dn::tensors(tensors, count), dim)) }

DN_EXPORT TensorHandle DNTensor_stack(const TensorHandle* tensors, int64_t count, int64_t dim) { DN_TENSOR(at::stack(dn::tensors(tensors, count), dim)) }

DN_EXPORT int32_t DNTensor_topk(TensorHandle t, int64_t k, int64_t dim, int32_t largest, int32_t sorted, TensorHandle* values, TensorHandle* indices) {
    DN_STATUS({
        auto result = at::topk(*t, k, dim, largest != 0, sorted != 0);
        *values = dn::own(std::get<0>(result));
        *indices = dn::own(std::get<1>(result));
    })
}

DN_EXPORT int32_t DNTensor_sort(TensorHandle t, int64_t dim, int32_t descending, int32_t stable, TensorHandle* values, TensorHandle* indices) {
    DN_STATUS({
        auto result = at::sort(*t, stable != 0, dim, descending != 0);
        *values = dn::own(std::get<0>(result));
        *indices = dn::own(std::get<1>(result));
    })
}

DN_EXPORT TensorHandle DNTensor_argsort(TensorHandle t, int64_t dim, int32_t descending) { DN_TENSOR(at::argsort(*t, dim, descending != 0)) }
