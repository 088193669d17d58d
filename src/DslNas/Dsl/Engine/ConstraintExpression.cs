using System;
using System.Collections.Generic;
using System.Globalization;

namespace DslNas.Engine;

/// <summary>
/// A constraint body in the interpretable subset, written as an s-expression over the constraint's arguments
/// ($0, $1, ...): numbers, + - * / div (integer division) % neg, comparisons, &amp;&amp; || !, ?, min, max, abs.
/// Booleans are 1 and 0. The generator evaluates constraints with it at compile time; tests check that it agrees
/// with the compiled methods.
/// </summary>
internal static class ConstraintExpression
{
    public static Func<double[], bool> Compile(string expression)
    {
        var position = 0;
        var evaluate = Parse(expression, ref position);
        return arguments => evaluate(arguments) != 0;
    }

    private static Func<double[], double> Parse(string text, ref int position)
    {
        SkipSpaces(text, ref position);
        if (text[position] != '(') return Atom(Token(text, ref position));
        position++;
        var op = Token(text, ref position);
        var operands = new List<Func<double[], double>>();
        SkipSpaces(text, ref position);
        while (text[position] != ')')
        {
            operands.Add(Parse(text, ref position));
            SkipSpaces(text, ref position);
        }
        position++;
        return Combine(op, operands);
    }

    private static Func<double[], double> Combine(string op, List<Func<double[], double>> o)
    {
        static double B(bool value) => value ? 1 : 0;
        return op switch
        {
            "+" => a => o[0](a) + o[1](a),
            "-" => a => o[0](a) - o[1](a),
            "*" => a => o[0](a) * o[1](a),
            "/" => a => o[0](a) / o[1](a),
            "div" => a => Math.Truncate(o[0](a) / o[1](a)),
            "%" => a => o[0](a) % o[1](a),
            "neg" => a => -o[0](a),
            "==" => a => B(o[0](a) == o[1](a)),
            "!=" => a => B(o[0](a) != o[1](a)),
            "<" => a => B(o[0](a) < o[1](a)),
            "<=" => a => B(o[0](a) <= o[1](a)),
            ">" => a => B(o[0](a) > o[1](a)),
            ">=" => a => B(o[0](a) >= o[1](a)),
            "&&" => a => B(o[0](a) != 0 && o[1](a) != 0),
            "||" => a => B(o[0](a) != 0 || o[1](a) != 0),
            "!" => a => B(o[0](a) == 0),
            "?" => a => o[0](a) != 0 ? o[1](a) : o[2](a),
            "min" => a => Math.Min(o[0](a), o[1](a)),
            "max" => a => Math.Max(o[0](a), o[1](a)),
            "abs" => a => Math.Abs(o[0](a)),
            _ => throw new FormatException($"unknown operator '{op}' in a constraint expression"),
        };
    }

    private static Func<double[], double> Atom(string token)
    {
        if (token[0] == '$')
        {
            var index = int.Parse(token.Substring(1), CultureInfo.InvariantCulture);
            return a => a[index];
        }
        var value = double.Parse(token, CultureInfo.InvariantCulture);
        return _ => value;
    }

    private static string Token(string text, ref int position)
    {
        SkipSpaces(text, ref position);
        var start = position;
        while (position < text.Length && text[position] != ' ' && text[position] != ')' && text[position] != '(') position++;
        return text.Substring(start, position - start);
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && text[position] == ' ') position++;
    }
}
