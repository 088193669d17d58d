// Optimizer steps and gradient clipping, run natively so a step costs one call instead of several per parameter.
#include "shim.h"

#include <cmath>

// AdamW with decoupled weight decay, as torch.optim.AdamW. steps[i] counts the updates of parameter i;
// parameters without a gradient are skipped and their step count is left alone.
DN_EXPORT int32_t DNOptim_adamw_step(const TensorHandle* params, const TensorHandle* exp_avgs, const TensorHandle* exp_avg_sqs,
                                     int64_t* steps, int64_t count, double lr, double beta1, double beta2, double eps,
                                     double weight_decay) {
    DN_STATUS({
        c10::NoGradGuard guard;
        for (int64_t i = 0; i < count; ++i) {
            auto& param = *params[i];
            const auto& grad = param.grad();
            if (!grad.defined()) continue;
            auto& exp_avg = *exp_avgs[i];
            auto& exp_avg_sq = *exp_avg_sqs[i];
            auto step = ++steps[i];
            param.mul_(1 - lr * weight_decay);
            exp_avg.mul_(beta1).add_(grad, 1 - beta1);
            exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
            double bias_correction1 = 1 - std::pow(beta1, static_cast<double>(step));
            double bias_correction2 = 1 - std::pow(beta2, static_cast<double>(step));
            auto denom = (exp_avg_sq.sqrt() / std::sqrt(bias_correction2)).add_(eps);
            param.addcdiv_(exp_avg, denom, -lr / bias_correction1);
        }
    })
}

// SGD with momentum, dampening, Nesterov and L2 weight decay, as torch.optim.SGD. A buffer whose
// initialized flag is 0 takes the first gradient as is and the flag is set.
DN_EXPORT int32_t DNOptim_sgd_step(const TensorHandle* params, const TensorHandle* buffers, int32_t* initialized, int64_t count,
                                   double lr, double momentum, double dampening, double weight_decay, int32_t nesterov) {
    DN_STATUS({
        c10::NoGradGuard guard;
        for (int64_t i = 0; i < count; ++i) {
            auto& param = *params[i];
            const auto& grad = param.grad();
            if (!grad.defined()) continue;
            auto d_p = weight_decay != 0 ? grad.add(param, weight_decay) : grad;
            if (momentum != 0) {
                auto& buffer = *buffers[i];
                if (!initialized[i]) {
                    buffer.copy_(d_p);
                    initialized[i] = 1;
                } else {
                    buffer.mul_(momentum).add_(d_p, 1 - dampening);
                }
                d_p = nesterov ? d_p.add(buffer, momentum) : buffer;
            }
            param.add_(d_p, -lr);
        }
    })
}

// Scales gradients so that their joint 2-norm is at most max_norm, as torch.nn.utils.clip_grad_norm_.
// Returns the norm before clipping, or -1 on error.
DN_EXPORT double DNOptim_clip_grad_norm(const TensorHandle* params, int64_t count, double max_norm) {
    DN_TRY
    c10::NoGradGuard guard;
    std::vector<at::Tensor> norms;
    for (int64_t i = 0; i < count; ++i) {
        const auto& grad = params[i]->grad();
        if (grad.defined()) norms.push_back(grad.norm(2));
    }
    if (norms.empty()) return 0.0;
    auto total = at::stack(norms).norm(2);
    auto coefficient = at::clamp(max_norm / (total + 1e-6), c10::nullopt, 1.0);
    for (int64_t i = 0; i < count; ++i) {
        auto grad = params[i]->grad();
        if (grad.defined()) grad.mul_(coefficient);
    }
    return total.item<double>();
    DN_CATCH(-1.0)
}

// Sets every gradient to undefined, as zero_grad(set_to_none=True).
DN_EXPORT int32_t DNOptim_zero_grad(const TensorHandle* params, int64_t count) {
    DN_STATUS({
        for (int64_t i = 0; i < count; ++i) params[i]->mutable_grad().reset();
    })
}
